import { TRPCError } from "@trpc/server";
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/roles";
import { db } from "../db/client";
import { reloadEnv } from "../env";
import { deliverWebhookJob } from "../jobs/deliver-webhook";
import { getBoss } from "../jobs/queue";
import { startWorkers, stopWorkers } from "../jobs/workers";
import { getLogger } from "../observability/logger";
import { expireUnpaidOrders, transitionOrder, type OrderView } from "../orders/orders.service";
import { callerFor, createProduct, createUser, eventually } from "../test/factories";
import { verifyWebhookSignature } from "./signing";
import { WEBHOOK_RETRY } from "./deliver";

/** A receiver on loopback: records every request; each path answers as its test decides. */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
const answers = new Map<string, (res: ServerResponse, n: number) => void>();
const receiver = createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk: string) => (body += chunk));
  req.on("end", () => {
    const path = req.url ?? "/";
    received.push({ path, headers: req.headers, body });
    const answer = answers.get(path) ?? ((r) => r.end("ok"));
    answer(res, received.filter((r) => r.path === path).length);
  });
});
receiver.listen(0, "127.0.0.1");
await once(receiver, "listening");
const base = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;

let path = 0;
const freshPath = () => `/hook-${++path}`;
const at = (p: string) => received.filter((r) => r.path === p);
const events = (p: string) => at(p).map((r) => JSON.parse(r.body) as EventBody);

/** An event as received: the order as the API returns it (its dates as ISO strings on the wire). */
interface EventBody {
  id: string;
  type: string;
  created: number;
  data: { order: OrderView };
}

const ALL = ["order.created", "order.paid", "order.shipped", "order.cancelled"] as const;

async function endpointFor(
  user: SessionUser,
  events: (typeof ALL)[number][] = [...ALL],
  options: { receivesAllOrders?: boolean } = {},
) {
  const p = freshPath();
  const { endpoint, secret } = await callerFor(user).webhooks.create({ url: `${base}${p}`, events, ...options });
  return { endpoint, secret, path: p };
}

async function placeOrder(user: SessionUser) {
  const product = await createProduct({ stock: 50 });
  return callerFor(user).orders.create({
    idempotencyKey: crypto.randomUUID(),
    lines: [{ productId: product.id, quantity: 1 }],
  });
}

beforeAll(() => startWorkers({ concurrency: 4 }));
afterEach(() => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE_URLS;
  reloadEnv();
});
afterAll(async () => {
  await stopWorkers(5_000);
  receiver.closeAllConnections();
  receiver.close();
});

describe("webhook deliveries", () => {
  it("sends order.created, paid, shipped and cancelled to the owner's endpoint, signed", async () => {
    const customer = await createUser();
    const staff = await createUser({ role: "STAFF" });
    const mine = await endpointFor(customer);
    const fulfilment = await endpointFor(staff, ["order.shipped"], { receivesAllOrders: true });
    const stranger = await endpointFor(await createUser());

    const shipped = await placeOrder(customer);
    await callerFor(customer).orders.pay({ orderId: shipped.id });
    await callerFor(staff).admin.orders.setStatus({ orderId: shipped.id, status: "SHIPPED" });
    const cancelled = await placeOrder(customer);
    await callerFor(customer).orders.cancel({ orderId: cancelled.id });

    await eventually(async () => at(mine.path).length === 5 && at(fulfilment.path).length === 1);
    const types = events(mine.path).map((e) => `${e.type}:${e.data.order.id === shipped.id ? "A" : "B"}`);
    expect(types.sort()).toEqual([
      "order.cancelled:B",
      "order.created:A",
      "order.created:B",
      "order.paid:A",
      "order.shipped:A",
    ]);
    for (const request of at(mine.path)) {
      expect(verifyWebhookSignature(request.body, request.headers["shopwise-signature"] as string, mine.secret)).toBe(
        true,
      );
      const event = JSON.parse(request.body) as EventBody;
      expect(event.id).toMatch(/^evt_/);
      expect(request.headers["shopwise-event-id"]).toBe(event.id);
      expect(request.headers["shopwise-event-type"]).toBe(event.type);
      expect(request.headers["content-type"]).toBe("application/json");
      expect(Math.abs(event.created - Date.now() / 1000)).toBeLessThan(60);
    }
    // The order as the API returns it: money as strings, dates as ISO-8601.
    const paid = events(mine.path).find((e) => e.type === "order.paid")!;
    expect(paid.data.order).toMatchObject({
      id: shipped.id,
      status: "PAID",
      total: shipped.total,
      userId: customer.id,
    });
    expect(paid.data.order.items[0]).toMatchObject({ unitPrice: shipped.items[0]!.unitPrice, quantity: 1 });
    expect(String(paid.data.order.paidAt)).toMatch(/^\d{4}-\d\d-\d\dT/);

    // A staff all-orders endpoint gets every order's events; one customer's endpoint never another's.
    const staffEvent = JSON.parse(at(fulfilment.path)[0]!.body) as EventBody;
    expect(staffEvent).toMatchObject({ type: "order.shipped", data: { order: { id: shipped.id } } });
    expect(
      verifyWebhookSignature(
        at(fulfilment.path)[0]!.body,
        at(fulfilment.path)[0]!.headers["shopwise-signature"] as string,
        fulfilment.secret,
      ),
    ).toBe(true);
    expect(at(stranger.path)).toHaveLength(0);

    // The worker records each attempt once the receiver has answered: wait for those records too.
    const list = await eventually(async () => {
      const page = await callerFor(customer).webhooks.deliveries({ endpointId: mine.endpoint.id });
      return page.items.every((d) => d.status !== "PENDING") && page;
    });
    expect(list.items).toHaveLength(5);
    for (const d of list.items)
      expect(d).toMatchObject({ status: "SUCCEEDED", attempts: 1, lastStatusCode: 200, lastError: null });
    expect(list.items[0]!.attemptsLog).toEqual([expect.objectContaining({ number: 1, statusCode: 200 })]);
  });

  it("retries a failing receiver with backoff until it recovers (500, 500, then 200)", async () => {
    const customer = await createUser();
    const hook = await endpointFor(customer, ["order.created"]);
    answers.set(hook.path, (res, n) => (n <= 2 ? res.writeHead(500).end("down for maintenance") : res.end("ok")));
    // The real queue, with the backoff shortened to a second so the test does not wait minutes.
    const boss = await getBoss();
    expect(await boss.getQueue(deliverWebhookJob.name)).toMatchObject({
      retryLimit: 7,
      retryBackoff: true,
      deadLetter: "webhooks.deliver.dead",
    });
    await boss.updateQueue(deliverWebhookJob.name, { retryDelay: 1, retryBackoff: false });
    try {
      const order = await placeOrder(customer);
      const delivery = await eventually(
        () => db.webhookDelivery.findFirst({ where: { endpointId: hook.endpoint.id, status: "SUCCEEDED" } }),
        20_000,
      );
      expect(delivery).toMatchObject({ attempts: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
      const [page] = [await callerFor(customer).webhooks.deliveries({ endpointId: hook.endpoint.id })];
      expect(page.items[0]!.attemptsLog.map((a) => [a.number, a.statusCode, a.error])).toEqual([
        [3, 200, null],
        [2, 500, "HTTP 500: down for maintenance"],
        [1, 500, "HTTP 500: down for maintenance"],
      ]);
      // The same event, signed afresh each time.
      const bodies = at(hook.path).map((r) => JSON.parse(r.body) as EventBody);
      expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
      expect(bodies[0]!.data.order.id).toBe(order.id);
    } finally {
      await boss.updateQueue(deliverWebhookJob.name, { retryDelay: WEBHOOK_RETRY.retryDelay, retryBackoff: true });
    }
  });

  it("marks a delivery FAILED after the last attempt, and shows it in the status filter", async () => {
    const customer = await createUser();
    const hook = await endpointFor(customer, ["order.created"]);
    answers.set(hook.path, (res) => res.writeHead(503).end());
    const { deliverWebhook } = await import("./deliver");
    const { deliveryId } = await db.$transaction(async (tx) => {
      const { buildEvent, createDelivery } = await import("./events");
      const d = await createDelivery(
        tx,
        hook.endpoint.id,
        buildEvent("order.created", { order: { id: "x", userId: customer.id } }),
      );
      return { deliveryId: d.id };
    });
    // The worker may take the first attempt; the last one is ours, so it settles.
    await deliverWebhook({ db, log: getLogger() }, deliveryId, { retryCount: 7, retryLimit: 7 });
    const failed = await callerFor(customer).webhooks.deliveries({ endpointId: hook.endpoint.id, status: "FAILED" });
    expect(failed.items.map((d) => [d.id, d.status, d.lastStatusCode, d.nextAttemptAt])).toEqual([
      [deliveryId, "FAILED", 503, null],
    ]);
    const succeeded = await callerFor(customer).webhooks.deliveries({
      endpointId: hook.endpoint.id,
      status: "SUCCEEDED",
    });
    expect(succeeded.items).toHaveLength(0);
  });

  it("sends nothing to a disabled endpoint, and nothing for a change that rolled back", async () => {
    const customer = await createUser();
    const off = await endpointFor(customer);
    const disabled = await callerFor(customer).webhooks.setEnabled({ endpointId: off.endpoint.id, enabled: false });
    expect(disabled).toMatchObject({ enabled: false, disabledAt: expect.any(Date) });
    const order = await placeOrder(customer);

    const on = await endpointFor(customer, ["order.paid"]);
    const ctx = { db, log: getLogger(), user: customer };
    await expect(
      transitionOrder(ctx, { orderId: order.id, to: "PAID", access: "owner-only" }, async () => {
        throw new Error("audit write failed");
      }),
    ).rejects.toThrow("audit write failed");
    expect(await db.webhookDelivery.count({ where: { endpointId: { in: [off.endpoint.id, on.endpoint.id] } } })).toBe(
      0,
    );
    await expect(callerFor(customer).webhooks.sendTest({ endpointId: off.endpoint.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("resends a settled delivery, and sends a ping on demand", async () => {
    const customer = await createUser();
    const hook = await endpointFor(customer, ["order.created"]);
    const api = callerFor(customer).webhooks;
    const ping = await api.sendTest({ endpointId: hook.endpoint.id });
    await eventually(async () => at(hook.path).length === 1);
    expect(events(hook.path)[0]).toMatchObject({ id: ping.eventId, type: "ping" });
    await eventually(() => db.webhookDelivery.findFirst({ where: { id: ping.deliveryId, status: "SUCCEEDED" } }));

    await api.resend({ deliveryId: ping.deliveryId });
    await eventually(async () => at(hook.path).length === 2);
    expect(events(hook.path)[1]!.id).toBe(ping.eventId);
    const resent = await eventually(() =>
      db.webhookDelivery.findFirst({ where: { id: ping.deliveryId, status: "SUCCEEDED", attempts: 2 } }),
    );
    expect(resent.lastStatusCode).toBe(200);
  });

  it("refuses to resend a delivery that is still being attempted", async () => {
    const customer = await createUser();
    const hook = await endpointFor(customer);
    const { deliveryId } = await db.$transaction(async (tx) => {
      const { buildEvent } = await import("./events");
      const event = buildEvent("ping", {});
      // Recorded without a job: it stays PENDING.
      const d = await tx.webhookDelivery.create({
        data: { endpointId: hook.endpoint.id, eventType: event.type, eventId: event.id, payload: {} },
      });
      return { deliveryId: d.id };
    });
    const error = await callerFor(customer)
      .webhooks.resend({ deliveryId })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("CONFLICT");
  });

  it("sends order.cancelled for an unpaid order the expiry job cancels", async () => {
    const customer = await createUser();
    const hook = await endpointFor(customer, ["order.cancelled"]);
    const order = await placeOrder(customer);
    await expireUnpaidOrders({ db, log: getLogger() }, new Date(Date.now() + 365 * 24 * 3600_000));
    await eventually(async () => at(hook.path).length === 1);
    expect(events(hook.path)[0]).toMatchObject({
      type: "order.cancelled",
      data: { order: { id: order.id, status: "CANCELLED", cancelReason: "expired" } },
    });
  });
});
