/**
 * `npm run bench:compare`: Shopwise's self-hosted production server against the limit — a raw
 * `node:http` + `pg` server (raw-server.ts) running the same queries on the same database and
 * data with no framework — in one run, on the same machine. For each workload: req/s, p50, p99 and
 * ours as a share of the limit. Checkout is the whole order (session, idempotency, order + items +
 * confirmation job, locked stock decrement, cache invalidation, live events), against two limits:
 * the raw locked decrement alone, and the raw whole order — the same statements through plain `pg`
 * (raw-checkout.ts), its confirmation mails worked by our in-process worker as ours are. Orders/s
 * count acknowledged orders (200) on every side. After checkout it verifies nothing was oversold
 * and every acknowledged order is in the database.
 *
 * Needs a production build (`npm run build`) and wrk (`apt-get install wrk`). Loopback only,
 * bounded: DURATION seconds per workload and server (default 10, after a 2 s warm-up), CONNECTIONS
 * (default 50), SEED_PRODUCTS (default 10,000). Request logs are on (LOG_LEVEL=info), as in production.
 */
import os from "node:os";
import { withBenchServer, processCpuMs, processMemoryMb } from "./bench-server";
import {
  AUTH_SECRET,
  type BenchData,
  prepareData,
  resetStock,
  SCARCE_STOCK,
  PLENTY_STOCK,
  RAW_ORDER_KEY_PREFIX,
  startRawServer,
  workloads,
  type Workload,
} from "./compare-setup";
import { CONFIRMATION_JOB } from "./raw-checkout";
import { requireWrk, wrk, type WrkRequest } from "./wrk";
import type { Db } from "../db/client";

const seconds = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 50);
const products = Number(process.env.SEED_PRODUCTS ?? 10_000);
const only = process.env.ONLY?.split(",");

/** What issue 14 asks of each workload: req/s at least, p99 at most (ms). */
const TARGETS: Record<string, { rps: number; p99Ms?: number }> = {
  ping: { rps: 15_000 },
  product: { rps: 10_000, p99Ms: 20 },
  newest: { rps: 10_000, p99Ms: 20 },
  search: { rps: 600, p99Ms: 150 },
  checkout: { rps: 1_000, p99Ms: 100 },
};

await requireWrk();
let data: BenchData;
const env = {
  AUTH_SECRET,
  LOG_LEVEL: "info",
  // Each of the 2,000 shoppers places a few orders a second here; the limits per account are
  // configuration, and what they guard is still checked on every order.
  ORDER_MAX_PENDING_PER_USER: "1000",
  ORDER_MAX_UNITS_PER_PRODUCT: "100000",
};

let databaseCpuMs: () => Promise<number>;

/**
 * One measured run, and the CPU per request the server and PostgreSQL spent during it: figures that
 * drift less than req/s on a machine shared with the load generator, and say which side is the cost.
 */
async function run(baseUrl: string, pid: number, requests: WrkRequest[], countStatuses = false) {
  const [cpuBefore, dbBefore] = [await processCpuMs(pid), await databaseCpuMs()];
  const result = await wrk(baseUrl, requests, { seconds, connections, countStatuses });
  const perRequest = (ms: number) => ms / Math.max(1, result.requests);
  return {
    ...result,
    cpuMsPerRequest: perRequest((await processCpuMs(pid)) - cpuBefore),
    dbCpuMsPerRequest: perRequest((await databaseCpuMs()) - dbBefore),
  };
}

async function measure(baseUrl: string, pid: number, requests: WrkRequest[], countStatuses = false) {
  await wrk(baseUrl, requests, { seconds: 2, connections, countStatuses }); // warm-up: JIT, pools, caches
  return run(baseUrl, pid, requests, countStatuses);
}

/** The count of orders once it stops moving: a server still commits what wrk stopped waiting for. */
async function settledOrderCount(db: Db) {
  let settled = -1;
  for (let count = await db.order.count(); count !== settled; count = await db.order.count()) {
    settled = count;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return settled;
}

/**
 * Waits (at most a minute) until the confirmation mails of the orders so far are sent: a backlog
 * left by one run would be worked during the next one.
 */
async function settledMailQueue(db: Db) {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    const [row] = await db.$queryRaw<{ waiting: number }[]>`
      SELECT count(*)::int AS waiting FROM pgboss.job WHERE name = ${CONFIRMATION_JOB} AND state < 'completed'`;
    if (!row?.waiting) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** Orders the run acknowledged vs. rows written, and stock that went below what was sold. */
async function verifyCheckout(db: Db, data: BenchData, acknowledged: number, ordersBefore: number) {
  const ordersAfter = await settledOrderCount(db);
  const ids = [...data.checkoutIds, data.scarceId];
  const sold = await db.orderItem.groupBy({
    by: ["productId"],
    where: { productId: { in: ids } },
    _sum: { quantity: true },
  });
  const stock = new Map(
    (await db.product.findMany({ where: { id: { in: ids } }, select: { id: true, stock: true } })).map((p) => [
      p.id,
      p.stock,
    ]),
  );
  let oversold = 0;
  for (const id of ids) {
    const initial = id === data.scarceId ? SCARCE_STOCK : PLENTY_STOCK;
    const units = sold.find((s) => s.productId === id)?._sum.quantity ?? 0;
    if (stock.get(id)! < 0 || initial - stock.get(id)! !== units) oversold++;
  }
  return {
    written: ordersAfter - ordersBefore,
    acknowledged,
    oversoldProducts: oversold,
    scarceSold: SCARCE_STOCK - stock.get(data.scarceId)!,
  };
}

type Measured = Awaited<ReturnType<typeof run>>;
/** Orders/s count only acknowledged orders (200): a refused checkout is no order. */
const rateOf = (key: string, result: Measured) =>
  key === "checkout" ? Math.round((result.statuses["200"] ?? 0) / seconds) : result.rps;

function row(key: string, name: string, limit: Measured, ours: Measured) {
  const target = TARGETS[key]!;
  const [limitRps, oursRps] = [rateOf(key, limit), rateOf(key, ours)];
  return {
    workload: name,
    "limit req/s": limitRps,
    "limit p50/p99 ms": `${limit.p50Ms} / ${limit.p99Ms}`,
    "ours req/s": oursRps,
    "ours p50/p99 ms": `${ours.p50Ms} / ${ours.p99Ms}`,
    "ours/limit": `${((oursRps / limitRps) * 100).toFixed(0)} %`,
    "CPU ms/req limit / ours": `${limit.cpuMsPerRequest.toFixed(2)} / ${ours.cpuMsPerRequest.toFixed(2)}`,
    "PostgreSQL CPU ms/req limit / ours": `${limit.dbCpuMsPerRequest.toFixed(2)} / ${ours.dbCpuMsPerRequest.toFixed(2)}`,
    // Checkout: the statuses of both sides (409: sold out, or refused by a limit).
    errors: key === "checkout" ? `${JSON.stringify(limit.statuses)} / ${JSON.stringify(ours.statuses)}` : ours.errors,
    target: `≥ ${target.rps}${target.p99Ms ? `, p99 ≤ ${target.p99Ms}` : ""}`,
    met: oursRps >= target.rps && (!target.p99Ms || ours.p99Ms <= target.p99Ms) ? "yes" : "no",
  };
}

await withBenchServer(
  { name: "compare", env, prepare: async (db) => void (data = await prepareData(db, products)) },
  async ({ url, db, pid, ...server }) => {
    databaseCpuMs = server.databaseCpuMs;
    const raw = await startRawServer(process.env.DATABASE_URL!);
    const rows: Record<string, unknown>[] = [];
    let checkoutCheck: Awaited<ReturnType<typeof verifyCheckout>> | undefined;
    let rawOversold: number | undefined;
    try {
      for (const [key, workload] of Object.entries(workloads(data)) as [string, Workload][]) {
        if (only && !only.includes(key)) continue;
        let limit: Measured, ours: Measured, wholeLimit: Measured | undefined;
        if (key === "checkout") {
          await resetStock(db, data);
          limit = await measure(raw.url, raw.child.pid!, workload.raw, true);
          if (workload.rawWhole) {
            await resetStock(db, data);
            wholeLimit = await measure(raw.url, raw.child.pid!, workload.rawWhole.requests, true);
            // Every order so far is a raw one (verifyCheckout waits for the last of them): its locking is checked as ours is.
            rawOversold = (await verifyCheckout(db, data, 0, 0)).oversoldProducts;
            // Ours starts from the same account holdings and an idle mail worker: without the raw orders.
            await settledMailQueue(db);
            await db.order.deleteMany({ where: { idempotencyKey: { startsWith: RAW_ORDER_KEY_PREFIX } } });
          }
          await resetStock(db, data);
          // Stock is checked against every order since the reset, warm-up included; the count of
          // acknowledged orders against those of the measured run.
          await wrk(url, workload.ours, { seconds: 2, connections, countStatuses: true });
          const warm = await settledOrderCount(db);
          ours = await run(url, pid, workload.ours, true);
          checkoutCheck = await verifyCheckout(db, data, ours.statuses["200"] ?? 0, warm);
        } else {
          limit = await measure(raw.url, raw.child.pid!, workload.raw);
          ours = await measure(url, pid, workload.ours);
        }
        rows.push(row(key, workload.name, limit, ours));
        if (wholeLimit) rows.push(row(key, workload.rawWhole!.name, wholeLimit, ours));
      }
    } finally {
      raw.child.kill("SIGTERM");
    }
    console.log(
      `\n${products.toLocaleString()} products, ${connections} connections, ${seconds} s per workload after 2 s warm-up, ` +
        `${os.cpus().length} cores, wrk -t2 (load generator, both servers and PostgreSQL on one machine)\n`,
    );
    console.table(rows);
    if (checkoutCheck)
      console.log(
        `checkout: ${checkoutCheck.acknowledged} orders acknowledged (200), ${checkoutCheck.written} written; ` +
          `${checkoutCheck.oversoldProducts} products oversold or mis-counted; scarce product sold ${checkoutCheck.scarceSold} of ${SCARCE_STOCK}` +
          (rawOversold === undefined ? "" : `; raw whole order: ${rawOversold} products oversold or mis-counted`),
      );
    const memory = await processMemoryMb(pid);
    console.log(`web process after the benchmark: RSS ${memory.rssMb} MB (peak ${memory.peakRssMb} MB)`);
  },
);
