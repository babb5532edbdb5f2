import { once } from "node:events";
import { createServer } from "node:http";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as route from "~/app/api/v1/[...path]/route";
import type { SessionUser } from "../auth/roles";
import { handleNodeRequest } from "../observability/http";
import { callerFor, createProduct, createUser, sessionCookieFor } from "../test/factories";
import { createRestNodeHandler } from "./rest";
import { appRouter } from "./root";
import type { ProcedureMeta } from "./trpc";

/**
 * /api/v1 over both transports with real API keys: the document validates, three routes answer
 * (products, orders with an Idempotency-Key, one order), and errors are the house body with 422
 * for fields, 401 without a key, 403 without the scope or from another site.
 */

type Body = Record<string, unknown> & { error?: { data: { appCode: string; fieldErrors: Record<string, string[]> } } };

let nodeBase = "";
const server = createServer((req, res) => handleNodeRequest(req, res, () => createRestNodeHandler()(req, res)));
beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  nodeBase = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => server.close());

type Call = (method: string, path: string, headers: Record<string, string>, body?: unknown) => Promise<Response>;
const init = (method: string, headers: Record<string, string>, body?: unknown): RequestInit => ({
  method,
  headers: { ...(body !== undefined && { "content-type": "application/json" }), ...headers },
  ...(body !== undefined && { body: typeof body === "string" ? body : JSON.stringify(body) }),
});
const handlers = route as unknown as Record<string, (req: Request) => Promise<Response>>;
const transports: [string, Call][] = [
  ["node fast path", (method, path, headers, body) => fetch(`${nodeBase}/api/v1${path}`, init(method, headers, body))],
  [
    "next route handler",
    (method, path, headers, body) =>
      handlers[method]!(new Request(`http://localhost/api/v1${path}`, init(method, headers, body))),
  ],
];

const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { type: string; meta?: ProcedureMeta } }
>;

describe("which procedures are REST routes", () => {
  it("every procedure with a key scope has a route, and none without one", () => {
    const routed = Object.entries(procedures).filter(([, p]) => p._def.meta?.openapi);
    // Subscriptions are tRPC's server-sent events only: REST has no stream to offer them.
    const scoped = Object.entries(procedures).filter(
      ([, p]) => p._def.meta?.scope !== undefined && p._def.type !== "subscription",
    );
    expect(routed.map(([path]) => path).sort()).toEqual(scoped.map(([path]) => path).sort());
    for (const [path, p] of routed) expect(p._def.meta!.openapi!.path, path).toMatch(/^\/[a-z][a-zA-Z{}/-]*$/);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document naming the bearer scheme, the server and our error body", async () => {
    const res = await route.GET(new Request("http://shop.test/api/v1/openapi.json"));
    expect(res.status).toBe(200);
    const document = (await res.json()) as Record<string, never> & {
      openapi: string;
      info: { version: string };
      servers: { url: string }[];
      paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters?: { name: string }[] }>>;
      components: { securitySchemes: Record<string, { scheme: string }>; schemas: Record<string, unknown> };
    };
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(document.info.version).toBe("1");
    expect(document.servers).toEqual([{ url: "http://shop.test/api/v1" }]);
    expect(document.components.securitySchemes.apiKey!.scheme).toBe("bearer");
    expect(document.components.schemas.Error).toBeDefined();
    expect(Object.keys(document.paths["/orders"]!.post!.responses)).toEqual(
      expect.arrayContaining(["201", "409", "422"]),
    );
    expect(document.paths["/orders"]!.post!.parameters!.map((p) => p.name)).toContain("Idempotency-Key");
    expect(document.paths["/products/{slug}"]!.get).toBeDefined();
    expect(document.paths["/orders/{orderId}/cancel"]!.post).toBeDefined();
  });
});

describe.each(transports)("REST over the %s", (_name, call) => {
  let owner: SessionUser;
  let productId = "";
  let secret = "";
  let catalogOnly = "";
  beforeAll(async () => {
    owner = await createUser();
    productId = (await createProduct({ stock: 50 })).id;
    ({ secret } = await callerFor(owner).apiKeys.create({
      name: "script",
      scopes: ["catalog:read", "orders:read", "orders:write", "profile:read"],
    }));
    ({ secret: catalogOnly } = await callerFor(owner).apiKeys.create({ name: "catalog", scopes: ["catalog:read"] }));
  });
  const bearer = (key = secret) => ({ authorization: `Bearer ${key}` });
  const json = async (res: Response) => (await res.json()) as Body;

  it("GET /products answers 200 with typed query parameters", async () => {
    const res = await call("GET", "/products?limit=2&inStock=true&sort=newest", bearer());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { id: string; price: string }[]; sort: string };
    expect(body.items.length).toBeLessThanOrEqual(2);
    expect(body.sort).toBe("newest");
    expect(body.items[0]!.price).toMatch(/^\d+\.\d{2}$/);
    // REST calls spend the same allowances as tRPC and say so.
    expect(res.headers.get("ratelimit-policy")).toMatch(/^"reads";q=\d+;w=\d+$/);
    expect(res.headers.get("ratelimit")).toMatch(/^"reads";r=\d+;t=\d+$/);
  });

  it("answers a bad query parameter with 422 naming it, in the house error body", async () => {
    const res = await call("GET", "/products?limit=lots", bearer());
    expect(res.status).toBe(422);
    const { error } = await json(res);
    expect(error!.data.appCode).toBe("VALIDATION_FAILED");
    expect(Object.keys(error!.data.fieldErrors)).toEqual(["limit"]);
  });

  it("POST /orders with an Idempotency-Key: 201, the same answer replayed, another body refused", async () => {
    const key = `retry-${crypto.randomUUID()}`;
    const order = { lines: [{ productId, quantity: 1 }] };
    const first = await call("POST", "/orders", { ...bearer(), "idempotency-key": key }, order);
    expect(first.status).toBe(201);
    const placed = (await first.json()) as { id: string; status: string; total: string; createdAt: string };
    expect(placed).toMatchObject({ status: "PENDING", total: expect.stringMatching(/^\d+\.\d{2}$/) });
    expect(new Date(placed.createdAt).toISOString()).toBe(placed.createdAt);

    const replay = await call("POST", "/orders", { ...bearer(), "idempotency-key": key }, order);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toEqual(placed);

    const other = await call(
      "POST",
      "/orders",
      { ...bearer(), "idempotency-key": key },
      { lines: [{ productId, quantity: 2 }] },
    );
    expect(other.status).toBe(422);
    const { error } = await json(other);
    expect(error!.data.appCode).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(Object.keys(error!.data.fieldErrors)).toEqual(["Idempotency-Key"]);

    const read = await call("GET", `/orders/${placed.id}`, bearer());
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: placed.id, items: [{ productId, quantity: 1 }] });

    const cancelled = await call("POST", `/orders/${placed.id}/cancel`, bearer());
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ id: placed.id, status: "CANCELLED" });
  });

  it("places one order for two concurrent requests with the same key: the other waits (409) or replays", async () => {
    const headers = { ...bearer(), "idempotency-key": `race-${crypto.randomUUID()}` };
    const order = { lines: [{ productId, quantity: 1 }] };
    const [a, b] = await Promise.all([
      call("POST", "/orders", headers, order),
      call("POST", "/orders", headers, order),
    ]);
    const outcomes = await Promise.all(
      [a, b].map(async (res) => ({
        status: res.status,
        replayed: res.headers.get("idempotent-replayed") === "true",
        retryAfter: res.headers.get("retry-after"),
        body: (await res.json()) as Body & { id?: string },
      })),
    );
    const first = outcomes.find((o) => o.status === 201 && !o.replayed)!;
    const other = outcomes.find((o) => o !== first)!;
    expect(first).toBeDefined();
    if (other.status === 409) {
      expect(other.body.error!.data.appCode).toBe("IDEMPOTENCY_KEY_IN_USE");
      expect(Number(other.retryAfter)).toBeGreaterThan(0);
    } else expect(other).toMatchObject({ status: 201, replayed: true, body: { id: first.body.id } });
  });

  it("answers a bad body with 422 naming the field, and a malformed key with 400", async () => {
    const bad = await call("POST", "/orders", bearer(), { idempotencyKey: "order-key-123", lines: [] });
    expect(bad.status).toBe(422);
    expect(Object.keys((await json(bad)).error!.data.fieldErrors)).toEqual(["lines"]);
    const unknownField = await call("POST", "/orders", bearer(), {
      idempotencyKey: "order-key-123",
      lines: [{ productId, quantity: 1 }],
      price: "0.01",
    });
    expect(unknownField.status).toBe(422);
    expect(Object.keys((await json(unknownField)).error!.data.fieldErrors)).toEqual(["price"]);
    const badKey = await call("POST", "/orders", { ...bearer(), "idempotency-key": "x".repeat(256) }, { lines: [] });
    expect(badKey.status).toBe(400);
    expect((await json(badKey)).error!.data.appCode).toBe("IDEMPOTENCY_KEY_INVALID");
    const notJson = await call("POST", "/orders", bearer(), "{not json");
    expect(notJson.status).toBe(400);
  });

  it("answers 401 without a key on a protected route, 403 for a key without the scope, 404 for no route", async () => {
    const anonymous = await call("GET", "/me", {});
    expect(anonymous.status).toBe(401);
    expect((await json(anonymous)).error!.data.appCode).toBe("UNAUTHORIZED");
    const noScope = await call("GET", "/me", bearer(catalogOnly));
    expect(noScope.status).toBe(403);
    expect((await json(noScope)).error!.data.appCode).toBe("API_KEY_SCOPE_REQUIRED");
    expect((await call("GET", "/me", bearer())).status).toBe(200);
    const missing = await call("GET", "/no/such/route", bearer());
    expect(missing.status).toBe(404);
    expect((await json(missing)).error!.data.appCode).toBe("NOT_FOUND");
  });

  it("refuses a cookie-authenticated write another site started, before any idempotency record", async () => {
    const res = await call(
      "POST",
      "/orders",
      {
        cookie: await sessionCookieFor(owner),
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
        "idempotency-key": "csrf-1",
      },
      { idempotencyKey: "order-key-csrf", lines: [{ productId, quantity: 1 }] },
    );
    expect(res.status).toBe(403);
    expect((await json(res)).error!.data.appCode).toBe("CROSS_SITE_REQUEST");
  });

  it("refuses a body over the limit with 413", async () => {
    const res = await call("POST", "/orders", bearer(), {
      idempotencyKey: "big-body-1",
      lines: [],
      pad: "x".repeat(1_100_000),
    });
    expect(res.status).toBe(413);
  });
});

describe("the REST layer leaves tRPC's validation as strict as it was", () => {
  it("still refuses a string where a boolean or a number is wanted after REST calls coerced queries", async () => {
    await route.GET(new Request("http://localhost/api/v1/products?inStock=false&limit=3"));
    const caller = callerFor(null);
    await expect(caller.catalog.products({ inStock: "false" as never })).rejects.toThrow();
    await expect(caller.catalog.products({ limit: "3" as never })).rejects.toThrow();
  });
});
