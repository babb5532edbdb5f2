import { once } from "node:events";
import { createServer } from "node:http";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as routeGet, POST as routePost } from "~/app/api/trpc/[trpc]/route";
import { ConflictError, RateLimitedError } from "../errors";
import { handleNodeRequest, withRequestContext } from "../observability/http";
import { createUser, sessionCookieFor, uniqueEmail } from "../test/factories";
import { captureLogs } from "../test/logs";
import { createTrpcNodeHandler, handleTrpcFetch } from "./http";
import { appRouter } from "./root";
import { createTRPCRouter, publicProcedure } from "./trpc";

/**
 * The same router through both transports: the self-hosted Node fast path and the Next.js
 * route handler (what Vercel serves). Every behaviour is asserted on both.
 */
const faulty = createTRPCRouter({
  ...appRouter._def.record,
  explode: publicProcedure.query(() => {
    throw new Error("database password is hunter2");
  }),
  throttled: publicProcedure.query(() => {
    throw new RateLimitedError("TOO_FAST", "Slow down.", { retryAfterSeconds: 42 });
  }),
  conflict: publicProcedure.query(() => {
    throw new ConflictError("SKU_TAKEN", "That SKU exists.", { field: "sku" });
  }),
}) as unknown as typeof appRouter;

type Call = (
  path: string,
  init?: { method?: string; body?: unknown; headers?: Record<string, string> },
) => Promise<Response>;

let nodeBase = "";
const server = createServer((req, res) => handleNodeRequest(req, res, () => createTrpcNodeHandler(faulty)(req, res)));
beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  nodeBase = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => server.close());

const init = (o: Parameters<Call>[1] = {}) => ({
  method: o.method ?? "GET",
  headers: { "content-type": "application/json", ...o.headers },
  ...(o.body !== undefined && { body: JSON.stringify(superjson.serialize(o.body)) }),
});
const transports: [string, Call][] = [
  ["node fast path", (path, o) => fetch(`${nodeBase}/api/trpc/${path}`, init(o))],
  [
    "next route handler",
    (path, o) => {
      const req = new Request(`http://localhost/api/trpc/${path}`, init(o));
      // The real route module for app procedures; the faulty router for the error cases.
      if (/^(explode|throttled|conflict)/.test(path))
        return withRequestContext((r: Request) => handleTrpcFetch(r, faulty))(req);
      return req.method === "POST" ? routePost(req) : routeGet(req);
    },
  ],
];

describe.each(transports)("tRPC over %s", (_name, call) => {
  it("answers health.ping", async () => {
    const res = await call("health.ping");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { json: { ok: boolean } } } };
    expect(body.result.data.json.ok).toBe(true);
  });

  it("returns 400 with the failing fields for bad input, no stack", async () => {
    const res = await call("auth.signUp", { method: "POST", body: { name: "A", email: "nope", password: "x" } });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { json: { message: string; data: Record<string, unknown> } } };
    expect(error.json.data).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400, appCode: "VALIDATION_FAILED" });
    expect(Object.keys(error.json.data.fieldErrors as object).sort()).toEqual(["email", "password"]);
    expect(JSON.stringify(error)).not.toContain("stack");
  });

  it("names a key the input does not accept as a failing field", async () => {
    const res = await call("auth.signUp", {
      method: "POST",
      body: { name: "Eve", email: uniqueEmail(), password: "long enough pw", role: "ADMIN" },
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { json: { data: { fieldErrors: object } } } };
    expect(error.json.data.fieldErrors).toEqual({ role: ["This field is not accepted here."] });
  });

  it("maps domain errors to status + stable code + field", async () => {
    const res = await call("conflict");
    expect(res.status).toBe(409);
    const { error } = (await res.json()) as { error: { json: { message: string; data: Record<string, unknown> } } };
    expect(error.json).toMatchObject({
      message: "That SKU exists.",
      data: { appCode: "SKU_TAKEN", fieldErrors: { sku: ["That SKU exists."] } },
    });
  });

  it("sends Retry-After with 429", async () => {
    const res = await call("throttled");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("42");
  });

  it("hides unexpected errors behind a generic message and logs them with stack and correlation ID", async () => {
    const logs = captureLogs();
    const res = await call("explode", { headers: { "x-correlation-id": "corr-explode-0001" } });
    logs.restore();
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("at ");
    expect(JSON.parse(text).error.json.data).toMatchObject({
      code: "INTERNAL_SERVER_ERROR",
      correlationId: "corr-explode-0001",
    });
    const logged = logs.lines().find((l) => l.msg === "procedure failed");
    expect(logged).toMatchObject({ correlationId: "corr-explode-0001", procedure: "explode" });
    expect(JSON.stringify(logged)).toContain("at ");
  });

  it("knows the signed-in user from the session cookie", async () => {
    const user = await createUser({ name: "Cookie Monster" });
    const res = await call("users.me", { headers: { cookie: await sessionCookieFor(user) } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { json: { id: string; email: string } } } };
    expect(body.result.data.json).toMatchObject({ id: user.id, email: user.email });
    expect((await call("users.me")).status).toBe(401);
    expect((await call("users.me", { headers: { cookie: "authjs.session-token=forged" } })).status).toBe(401);
  });

  it("signs up through the transport and rejects a duplicate with 409 on email", async () => {
    const body = { name: "Via HTTP", email: uniqueEmail("http"), password: "long enough pw" };
    expect((await call("auth.signUp", { method: "POST", body })).status).toBe(200);
    const again = await call("auth.signUp", { method: "POST", body });
    expect(again.status).toBe(409);
    expect(
      ((await again.json()) as { error: { json: { data: { fieldErrors: object } } } }).error.json.data.fieldErrors,
    ).toHaveProperty("email");
  });
});
