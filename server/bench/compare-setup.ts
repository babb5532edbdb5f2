/**
 * What `bench:compare` and `bench:soak` share: the raw limit server beside ours, signed-in
 * shoppers for checkout, and the request lists of each workload (the same data for both servers).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { seedCatalog } from "../catalog/catalog-seed";
import { freePort } from "../db/embedded-postgres";
import type { Db } from "../db/client";
import type { WrkRequest } from "./wrk";

export const AUTH_SECRET = randomBytes(32).toString("base64url");
export const SHOPPERS = 2_000;
export const CHECKOUT_PRODUCTS = 500;
/** Every 20th checkout buys this one product with little stock: the oversell check under contention. */
export const SCARCE_STOCK = 50;
export const PLENTY_STOCK = 1_000_000;

/** Catalog, shoppers with sessions, and the products checkout buys. */
export async function prepareData(db: Db, products: number) {
  await seedCatalog(db, { products });
  const users = Array.from({ length: SHOPPERS }, (_, i) => ({
    id: `bench-shopper-${i}`,
    email: `shopper-${i}@bench.example`,
    name: `Shopper ${i}`,
  }));
  await db.user.createMany({ data: users });
  const expires = new Date(Date.now() + 24 * 3600_000);
  const sessions = users.map((u) => ({ sessionToken: randomBytes(32).toString("base64url"), userId: u.id, expires }));
  await db.session.createMany({ data: sessions });
  const name = "authjs.session-token";
  const cookies = await Promise.all(
    sessions.map(async (s) => {
      const token = await encode({
        token: { sub: s.userId, role: "CUSTOMER", sid: s.sessionToken },
        secret: AUTH_SECRET,
        salt: name,
      });
      return `${name}=${token}`;
    }),
  );
  const active = await db.product.findMany({
    where: { active: true },
    select: { id: true, slug: true },
    orderBy: { id: "asc" },
  });
  return {
    cookies,
    sessionIds: sessions.map((s) => s.sessionToken),
    slugs: active.slice(0, 2_000).map((p) => p.slug),
    checkoutIds: active.slice(0, CHECKOUT_PRODUCTS).map((p) => p.id),
    scarceId: active[CHECKOUT_PRODUCTS]!.id,
  };
}
export type BenchData = Awaited<ReturnType<typeof prepareData>>;

/** Stock for a checkout run: plenty of the usual products, a little of the scarce one. */
export async function resetStock(db: Db, data: BenchData) {
  await db.product.updateMany({ where: { id: { in: data.checkoutIds } }, data: { stock: PLENTY_STOCK } });
  await db.product.update({ where: { id: data.scarceId }, data: { stock: SCARCE_STOCK } });
}

/** The product the i-th checkout buys. */
const checkoutProduct = (data: BenchData, i: number) =>
  i % 20 === 19 ? data.scarceId : data.checkoutIds[i % data.checkoutIds.length]!;

// Real shoppers' queries: single words, phrases, prefixes and typos (as bench:catalog).
const QUERIES = [
  "shoe",
  "running shoes",
  "wireless",
  "headphones",
  "hedphones",
  "coffee",
  "cofee grinder",
  "merino",
  "waterproof jacket",
  "stainless steel",
  "lamp",
  "yoga mat",
  "kettle",
  "backpack",
  "board game",
  "tent",
  "skin",
  "bike light",
  "desk",
  "watch",
  "notebook",
  "pan",
  "blanket",
  "garden hose",
  "leather",
];

const trpcGet = (procedure: string, input: unknown) =>
  `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

export interface Workload {
  name: string;
  raw: WrkRequest[];
  ours: WrkRequest[];
  /** A second limit for the same ours (checkout: the whole order's statements, raw). */
  rawWhole?: { name: string; requests: WrkRequest[] };
}

/** The raw whole orders' keys: compare.ts deletes their orders before ours run. */
export const RAW_ORDER_KEY_PREFIX = "raw-";

export function workloads(data: BenchData): Record<"ping" | "product" | "newest" | "search" | "checkout", Workload> {
  const searches = Array.from({ length: 50_000 }, (_, i) => ({
    q: QUERIES[i % QUERIES.length]!,
    maxPrice: `${5000 + i}.00`, // every request a price nobody asked for yet: never a cache hit
  }));
  const checkouts = Array.from({ length: 4_000 }, (_, i) => ({ productId: checkoutProduct(data, i), i }));
  return {
    ping: { name: "round trip (health.ping)", raw: [{ path: "/ping" }], ours: [{ path: "/api/trpc/health.ping" }] },
    product: {
      name: "product by slug (ours cached)",
      raw: data.slugs.map((slug) => ({ path: `/product?slug=${slug}` })),
      ours: data.slugs.map((slug) => ({ path: trpcGet("catalog.productBySlug", { slug }) })),
    },
    newest: {
      name: "20 newest products (ours cached)",
      raw: [{ path: "/newest" }],
      ours: [{ path: trpcGet("catalog.products", { limit: 20 }) }],
    },
    search: {
      name: "search, uncached (new input each)",
      raw: searches.map((s) => ({ path: `/search?q=${encodeURIComponent(s.q)}&maxPrice=${s.maxPrice}` })),
      ours: searches.map((s) => ({ path: trpcGet("catalog.products", { ...s, limit: 24 }) })),
    },
    checkout: {
      name: "checkout (raw: locked decrement)",
      raw: checkouts.map((c) => ({
        method: "POST",
        path: "/decrement",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ productId: c.productId }),
      })),
      rawWhole: {
        name: "checkout (raw: the whole order's statements)",
        requests: checkouts.map((c) => ({
          method: "POST",
          path: "/checkout",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({
            sessionId: data.sessionIds[c.i % data.sessionIds.length],
            idempotencyKey: `${RAW_ORDER_KEY_PREFIX}{{n}}`,
            productId: c.productId,
            quantity: 1,
          }),
        })),
      },
      ours: checkouts.map((c) => ({
        method: "POST",
        path: "/api/trpc/orders.create",
        headers: { "Content-Type": "application/json", Cookie: data.cookies[c.i % data.cookies.length]! },
        body: JSON.stringify({
          json: { idempotencyKey: "bench-{{n}}", lines: [{ productId: c.productId, quantity: 1 }] },
        }),
      })),
    },
  };
}

/** Starts the raw limit server (its own process, like ours) on the same database. */
export async function startRawServer(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  // Through tsx (it imports the catalog's SQL builder): only loading differs from compiled code.
  const child = spawn(process.execPath, ["--import", "tsx", "server/bench/raw-server.ts"], {
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: "server/tsconfig.node.json",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (
    !(await fetch(`${url}/ping`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error("the raw limit server did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, child };
}
