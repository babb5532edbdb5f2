import { once } from "node:events";
import { createServer } from "node:http";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as routeGet, POST as routePost } from "~/app/api/trpc/[trpc]/route";
import { createPrismaClient } from "../db/client";
import { ConflictError, RateLimitedError } from "../errors";
import { handleNodeRequest, withRequestContext } from "../observability/http";
import { createUser, sessionCookieFor, uniqueEmail } from "../test/factories";
import { captureLogs } from "../test/logs";
import { createTrpcNodeHandler, handleTrpcFetch, malformedPath } from "./http";
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
  // A real driver failing for real: nothing listens on port 1.
  outage: publicProcedure.query(() =>
    createPrismaClient("postgresql://shop:pw@127.0.0.1:1/shop", { connectionTimeoutMillis: 500 }).user.count(),
  ),
}) as unknown as typeof appRouter;

type Call = (
  path: string,
  init?: { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
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
  ...(o.rawBody !== undefined && { body: o.rawBody }),
});
const transports: [string, Call][] = [
  ["node fast path", (path, o) => fetch(`${nodeBase}/api/trpc/${path}`, init(o))],
  [
    "next route handler",
    (path, o) => {
      const req = new Request(`http://localhost/api/trpc/${path}`, init(o));
      // The real route module for app procedures; the faulty router for the error cases.
      if (/^(explode|throttled|conflict|outage)/.test(path))
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

  it("answers a database outage with 503 and Retry-After, not 500", async () => {
    const res = await call("outage");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const { error } = (await res.json()) as { error: { json: { data: Record<string, unknown> } } };
    expect(error.json.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", appCode: "DATABASE_UNAVAILABLE" });
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

  const crossSite = { "sec-fetch-site": "cross-site", origin: "https://evil.example" };

  it("refuses a mutation another site started with the caller's cookie: 403 in the house shape", async () => {
    const cookie = await sessionCookieFor(await createUser());
    const body = { name: "Csrf", email: uniqueEmail("csrf"), password: "long enough pw" };
    for (const headers of [{ ...crossSite, cookie }, { origin: "https://evil.example", cookie }, crossSite]) {
      const res = await call("auth.signUp", { method: "POST", body, headers });
      expect(res.status).toBe(403);
      const { error } = (await res.json()) as { error: { json: { data: Record<string, unknown> } } };
      expect(error.json.data).toMatchObject({ code: "FORBIDDEN", appCode: "CROSS_SITE_REQUEST", httpStatus: 403 });
    }
    // Same origin, a page's own request, a non-browser client, and queries from anywhere pass.
    const sameSite = { "sec-fetch-site": "same-origin", origin: "http://localhost", cookie };
    expect((await call("auth.signUp", { method: "POST", body, headers: sameSite })).status).toBe(200);
    expect((await call("health.ping", { headers: { ...crossSite, cookie } })).status).toBe(200);
    // Bearer-only requests carry no ambient credential: CSRF does not apply; the key is judged instead.
    const bearer = await call("auth.signUp", {
      method: "POST",
      body: { ...body, email: uniqueEmail("bearer") },
      headers: { ...crossSite, authorization: "Bearer sw_test" },
    });
    expect(bearer.status).toBe(401);
    const refused = (await bearer.json()) as { error: { json: { data: Record<string, unknown> } } };
    expect(refused.error.json.data).toMatchObject({ appCode: "INVALID_API_KEY" });
  });

  it("names a key called constructor, toString or __proto__ instead of failing with 500", async () => {
    const raw =
      '{"json":{"name":"P","email":"p@example.com","password":"long enough pw","constructor":1,"toString":2,"__proto__":{"x":1}}}';
    const res = await fetchRaw(call, "auth.signUp", raw);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { json: { data: { fieldErrors: object } } } };
    expect(Object.keys(error.json.data.fieldErrors).sort()).toEqual(["__proto__", "constructor"]);
    const toString = await fetchRaw(call, "auth.signUp", '{"json":{"toString":1,"hasOwnProperty":2}}');
    expect(toString.status).toBe(400);
    const named = ((await toString.json()) as { error: { json: { data: { fieldErrors: object } } } }).error.json.data;
    expect(named.fieldErrors).toHaveProperty("toString");
    expect(named.fieldErrors).toHaveProperty("hasOwnProperty");
  });

  it("bounds bodies (413) and batches (400)", async () => {
    const huge = JSON.stringify({ json: { name: "x".repeat(2 * 1024 * 1024) } });
    const big = await fetchRaw(call, "auth.signUp", huge);
    expect(big.status).toBe(413);
    const calls = Array.from({ length: 21 }, () => "health.ping").join(",");
    const batch = await call(`${calls}?batch=1`);
    expect(batch.status).toBe(400);
    expect(JSON.stringify(await batch.json())).toContain("Batch call exceeds maximum size");
    expect((await call(`${calls.split(",").slice(0, 20).join(",")}?batch=1`)).status).toBe(200);
  });

  it("answers a malformed percent-encoding in the path with 400", async () => {
    const res = await call("catalog.productBySlug%E0%A4%A");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { data: { code: string } } }).error.data.code).toBe("BAD_REQUEST");
  });
});

/** A POST with a body written by hand (keys superjson would refuse to write). */
function fetchRaw(call: Call, path: string, body: string) {
  return call(path, { method: "POST", rawBody: body });
}

describe("malformedPath", () => {
  it("checks the path of a Node request's url or of an absolute URL, never the query", () => {
    expect(malformedPath("/products/%E0%A4%A?x=1")).toBeInstanceOf(URIError);
    expect(malformedPath("http://localhost/api/trpc/a%E0%A4%A")).toBeInstanceOf(URIError);
    // "//…" is a path here, not a host: it is decoded like any other.
    expect(malformedPath("//%zz")).toBeInstanceOf(URIError);
    expect(malformedPath("//evil.example/x")).toBeNull();
    expect(malformedPath("/ok?q=%zz")).toBeNull();
  });
});

describe("a plain query on the Node fast path (served without tRPC's fetch adapter, ADR 030)", () => {
  const [node, next] = transports.map(([, call]) => call);
  const seen = (res: Response) =>
    Promise.all([
      res.status,
      res.text(),
      ...["content-type", "vary", "ratelimit-policy", "retry-after"].map((h) => res.headers.get(h)),
    ]);

  it.each([
    [
      "a result",
      `catalog.productBySlug?input=${encodeURIComponent(JSON.stringify({ json: { slug: "no-such-product" } }))}`,
    ],
    ["bad input", `catalog.productBySlug?input=${encodeURIComponent(JSON.stringify({ json: { slug: 42 } }))}`],
    ["no input where one is needed", "catalog.productBySlug"],
    ["a domain error", "conflict"],
    ["input that is not JSON (tRPC's own path)", "catalog.productBySlug?input=%7Bnope"],
    ["a mutation over GET (tRPC's own path)", "auth.signUp"],
  ])("answers %s exactly as tRPC's fetch adapter does", async (_case, path) => {
    const headers = { "x-correlation-id": "corr-plain-query-0001" };
    const [fromNode, fromNext] = await Promise.all([
      node!(path, { headers }).then(seen),
      next!(path, { headers }).then(seen),
    ]);
    expect(fromNode).toEqual(fromNext);
  });
});
