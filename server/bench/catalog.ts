/**
 * Benchmark: product search and product-by-slug under load, on a catalog of SEED_PRODUCTS
 * (default 10,000) products, through the self-hosted server (`server/main.ts`, production mode).
 * Needs a production build first: `npm run build && npm run bench:catalog`.
 * Loopback only, bounded: DURATION seconds per scenario (default 10), CONNECTIONS (default 50).
 */
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { seedCatalog } from "../catalog/catalog-seed";
import { createPrismaClient } from "../db/client";
import { freePort, startEmbeddedPostgres } from "../db/embedded-postgres";
import { applyMigrations } from "../db/migrate";

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

const dataDir = await mkdtemp(path.join(os.tmpdir(), "shopwise-bench-catalog-"));
const pg = await startEmbeddedPostgres({ dataDir, database: "bench", persistent: false });
const port = await freePort();
const server = spawn(
  path.join(process.cwd(), "node_modules/.bin/tsx"),
  ["--tsconfig", "server/tsconfig.node.json", "server/main.ts"],
  {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: pg.url,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      LOG_LEVEL: "warn",
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
  },
);

async function scenario(name: string, paths: string[]) {
  let next = 0;
  const options = {
    url: `http://127.0.0.1:${port}`,
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

try {
  await applyMigrations(pg.url);
  const db = createPrismaClient(pg.url);
  const started = performance.now();
  await seedCatalog(db, { products });
  const seedMs = Math.round(performance.now() - started);
  const slugs = (await db.product.findMany({ where: { active: true }, select: { slug: true }, take: 2_000 })).map(
    (p) => p.slug,
  );
  await db.$disconnect();

  const deadline = Date.now() + 90_000;
  while (
    !(await fetch(`http://127.0.0.1:${port}/api/health/ready`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error("server did not become ready");
    await new Promise((r) => setTimeout(r, 250));
  }
  // Every request of the "uncached" scenario is a different input (a max price nobody else
  // asked for), so each one runs its query; the "cached" one repeats 25 popular searches.
  const uncached = Array.from({ length: 50_000 }, (_, i) =>
    trpcGet("catalog.products", { q: queries[i % queries.length], maxPrice: `${5000 + i}.00`, limit: 24 }),
  );
  const rows = [
    await scenario("search, uncached (every input new)", uncached),
    await scenario(
      "search, repeated (25 popular queries)",
      queries.map((q) => trpcGet("catalog.products", { q, limit: 24 })),
    ),
    await scenario(
      "browse (category + price, newest)",
      ["kitchen", "running-shoes", "headphones-audio", "garden"].map((categorySlug) =>
        trpcGet("catalog.products", { categorySlug, maxPrice: "200", limit: 24 }),
      ),
    ),
    await scenario(
      "product by slug (2,000 slugs)",
      slugs.map((slug) => trpcGet("catalog.productBySlug", { slug })),
    ),
  ];
  console.log(
    `\n${products.toLocaleString()} products (seeded in ${seedMs} ms) — ${connections} connections, ${duration} s per scenario, ${os.cpus().length} cores\n`,
  );
  console.table(rows);
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 1500));
  await pg.stop();
  await rm(dataDir, { recursive: true, force: true });
}
