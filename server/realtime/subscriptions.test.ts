import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink, TRPCClientError } from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "../api/root";
import { freePort } from "../db/embedded-postgres";
import { callerFor, createProduct, createUser } from "../test/factories";
import { killGroup, productionEnv, startProcess, type AppProcess } from "../test/processes";

/**
 * Subscriptions end to end: tRPC's own client (httpSubscriptionLink over the `eventsource`
 * package, as a script would use it) against real server processes (server/test/api-instance.ts:
 * what server/main.ts serves on its fast path, with the bus) on this file's database. An event
 * raised on one instance reaches a subscriber on another; a subscriber whose server is killed
 * and restarted resumes from its last event id and misses nothing, nor gets anything twice; a
 * refused subscription is the 4xx a query would get.
 */

const apps: AppProcess[] = [];
afterAll(() => apps.forEach(killGroup));

async function startInstance(port?: number) {
  const chosen = port ?? (await freePort());
  const app = startProcess(
    process.execPath,
    ["--import", "tsx", "server/test/api-instance.ts"],
    productionEnv({ TSX_TSCONFIG_PATH: "server/tsconfig.node.json", PORT: String(chosen), JOBS_WORKER: "external" }),
  );
  apps.push(app);
  await app.waitForLine((l) => l.msg === "Shopwise is ready", 60_000);
  return { app, port: chosen, url: `http://127.0.0.1:${chosen}/api/trpc` };
}

/** A typed client that authenticates with an API key (a Bearer header on every request and stream). */
function clientFor(url: string, apiKey: string) {
  const authorization = `Bearer ${apiKey}`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input: RequestInfo | URL, init?: RequestInit) =>
              fetch(input, { ...init, headers: { ...(init?.headers as object), authorization } }),
          }),
        }),
        false: httpLink({ url, transformer: superjson, headers: { authorization } }),
      }),
    ],
  });
}

async function until(check: () => boolean, timeoutMs = 20_000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

let shopperKey = "";
let staff: Awaited<ReturnType<typeof createUser>>;
let shopper: Awaited<ReturnType<typeof createUser>>;
beforeAll(async () => {
  shopper = await createUser();
  staff = await createUser({ role: "STAFF" });
  ({ secret: shopperKey } = await callerFor(shopper).apiKeys.create({ name: "live test", scopes: ["orders:read"] }));
});

async function placeOrder() {
  const product = await createProduct({ stock: 10 });
  const order = await callerFor(shopper).orders.create({
    idempotencyKey: crypto.randomUUID(),
    lines: [{ productId: product.id, quantity: 1 }],
  });
  await callerFor(shopper).orders.pay({ orderId: order.id });
  return order.id;
}
const setStatus = (orderId: string, status: "SHIPPED" | "DELIVERED") =>
  callerFor(staff).admin.orders.setStatus({ orderId, status });

/** Subscribes to an order's status; collects what arrives. */
function watch(url: string, orderId: string) {
  const statuses: string[] = [];
  const errors: unknown[] = [];
  let starts = 0;
  const subscription = clientFor(url, shopperKey).orders.live.subscribe(
    { orderId },
    {
      onStarted: () => starts++,
      onData: ({ data }) => void ("data" in data && statuses.push(data.data.status)),
      onError: (error) => errors.push(error),
    },
  );
  return { statuses, errors, starts: () => starts, stop: () => subscription.unsubscribe() };
}

describe("subscriptions across processes", () => {
  it("deliver a change made through one instance to a subscriber on another", { timeout: 120_000 }, async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    const orderId = await placeOrder();
    const watcher = watch(b.url, orderId);
    await until(() => watcher.starts() === 1);

    // Staff marks it shipped through instance A, over HTTP like the back office.
    const { secret: staffKey } = await callerFor(staff).apiKeys.create({ name: "staff", scopes: ["backoffice:write"] });
    await clientFor(a.url, staffKey).admin.orders.setStatus.mutate({ orderId, status: "SHIPPED" });
    await until(() => watcher.statuses.length === 1);
    expect(watcher.statuses).toEqual(["SHIPPED"]);
    watcher.stop();
    killGroup(a.app);
    killGroup(b.app);
  });

  it(
    "resume after the server is killed and restarted: nothing missed, nothing twice",
    { timeout: 180_000 },
    async () => {
      const first = await startInstance();
      const orderId = await placeOrder();
      const watcher = watch(first.url, orderId);
      await until(() => watcher.starts() === 1);
      await setStatus(orderId, "SHIPPED");
      await until(() => watcher.statuses.length === 1);

      // A crash, not a shutdown: the stream just breaks. The change meanwhile reaches no one live.
      killGroup(first.app);
      await first.app.exited;
      await setStatus(orderId, "DELIVERED");

      // The same address comes back; the client reconnects by itself with its last event id.
      await startInstance(first.port);
      await until(() => watcher.statuses.length >= 2, 60_000);
      expect(watcher.starts()).toBeGreaterThanOrEqual(2);
      await new Promise((r) => setTimeout(r, 500));
      expect(watcher.statuses).toEqual(["SHIPPED", "DELIVERED"]);
      expect(watcher.errors).toEqual([]);
      watcher.stop();
    },
  );

  it("refuse another shopper's order and a bad input with the status a query gets", { timeout: 120_000 }, async () => {
    const { url } = await startInstance();
    const orderId = await placeOrder();
    const stranger = await createUser();
    const { secret } = await callerFor(stranger).apiKeys.create({ name: "stranger", scopes: ["orders:read"] });
    const input = (value: unknown) => encodeURIComponent(JSON.stringify({ json: value }));
    const get = (value: unknown, key = secret) =>
      fetch(`${url}/orders.live?input=${input(value)}`, { headers: { authorization: `Bearer ${key}` } });

    const notYours = await get({ orderId });
    expect(notYours.status).toBe(404);
    // The very body the same question as a query gets (bar the path it names and the request's correlation id).
    const asQuery = await fetch(`${url}/orders.byId?input=${input({ orderId })}`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    const body = (await notYours.json()) as { error: { json: { data: { path: string } } } };
    const queryBody = (await asQuery.json()) as typeof body;
    expect(body.error.json.data.path).toBe("orders.live");
    const comparable = (b: typeof body) => ({
      ...b.error.json,
      data: { ...b.error.json.data, path: "", correlationId: "" },
    });
    expect(comparable(body)).toEqual(comparable(queryBody));
    const bad = await get({ orderId, lastEventId: "not-an-id" });
    expect(bad.status).toBe(400);
    expect(
      ((await bad.json()) as { error: { json: { data: { fieldErrors: object } } } }).error.json.data.fieldErrors,
    ).toHaveProperty("lastEventId");
    expect((await fetch(`${url}/orders.live?input=${input({ orderId })}`)).status).toBe(401);

    // tRPC's client gets the refusal as an error it can show, and does not retry it.
    const errors: unknown[] = [];
    const sub = clientFor(url, secret).orders.live.subscribe({ orderId }, { onError: (e) => errors.push(e) });
    await until(() => errors.length === 1);
    expect(errors[0]).toBeInstanceOf(TRPCClientError);
    sub.unsubscribe();

    // The owner's own subscription is an event stream.
    const own = await get({ orderId }, shopperKey);
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toContain("text/event-stream");
    await own.body?.cancel();
  });
});
