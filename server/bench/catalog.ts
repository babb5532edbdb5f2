/**
 * Benchmark: product search and product-by-slug under load, on a catalog of SEED_PRODUCTS
 * (default 10,000) products, through the self-hosted server (`server/main.ts`, production mode).
 * Needs a production build first: `npm run build && npm run bench:catalog`.
 * Loopback only, bounded: DURATION seconds per scenario (default 10), CONNECTIONS (default 50).
 */
import autocannon from "autocannon";
import os from "node:os";
import { seedCatalog } from "../catalog/catalog-seed";
import type { Db } from "../db/client";
import { withBenchServer } from "./bench-server";

const duration = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 50);
const products = Number(process.env.SEED_PRODUCTS ?? 10_000);

// Real shoppers' queries: single words, phrases, prefixes and typos.
const queries = [
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

async function scenario(url: string, name: string, paths: string[]) {
  let next = 0;
  const options = {
    url,
    connections,
    requests: [{ setupRequest: (req: { path?: string }) => ({ ...req, path: paths[next++ % paths.length] }) }],
  };
  await autocannon({ ...options, duration: 2 }); // warm-up (JIT, pools, caches)
  const result = await autocannon({ ...options, duration });
  return {
    scenario: name,
    "req/s": Math.round(result.requests.average),
    "p50 ms": result.latency.p50,
    "p99 ms": result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

let seedMs = 0;
const prepare = async (db: Db) => {
  const started = performance.now();
  await seedCatalog(db, { products });
  seedMs = Math.round(performance.now() - started);
};

await withBenchServer({ name: "catalog", prepare }, async ({ url, db }) => {
  const slugs = (await db.product.findMany({ where: { active: true }, select: { slug: true }, take: 2_000 })).map(
    (p) => p.slug,
  );
  // Every request of the "uncached" scenario is a different input (a max price nobody else
  // asked for), so each one runs its query; the "cached" one repeats 25 popular searches.
  const uncached = Array.from({ length: 50_000 }, (_, i) =>
    trpcGet("catalog.products", { q: queries[i % queries.length], maxPrice: `${5000 + i}.00`, limit: 24 }),
  );
  const rows = [
    await scenario(url, "search, uncached (every input new)", uncached),
    await scenario(
      url,
      "search, repeated (25 popular queries)",
      queries.map((q) => trpcGet("catalog.products", { q, limit: 24 })),
    ),
    await scenario(
      url,
      "browse (category + price, newest)",
      ["kitchen", "running-shoes", "headphones-audio", "garden"].map((categorySlug) =>
        trpcGet("catalog.products", { categorySlug, maxPrice: "200", limit: 24 }),
      ),
    ),
    await scenario(
      url,
      "product by slug (2,000 slugs)",
      slugs.map((slug) => trpcGet("catalog.productBySlug", { slug })),
    ),
  ];
  console.log(
    `\n${products.toLocaleString()} products (seeded in ${seedMs} ms) — ${connections} connections, ${duration} s per scenario, ${os.cpus().length} cores\n`,
  );
  console.table(rows);
});
