/**
 * `npm run bench:soak`: mixed traffic against the self-hosted production server for SOAK_MINUTES
 * (default 10) — product pages, cached reads, uncached searches, checkouts, pings — and the web
 * process's resident memory after every SAMPLE_SECONDS (default 30) of it: the curve shows whether
 * memory settles or keeps growing. Needs a production build and wrk; loopback only, bounded.
 */
import { processMemoryMb, withBenchServer } from "./bench-server";
import { AUTH_SECRET, type BenchData, prepareData, resetStock, workloads } from "./compare-setup";
import { requireWrk, wrk, type WrkRequest } from "./wrk";

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const sampleSeconds = Number(process.env.SAMPLE_SECONDS ?? 30);
const connections = Number(process.env.CONNECTIONS ?? 50);
const products = Number(process.env.SEED_PRODUCTS ?? 10_000);

/** Shares of the mix, per 20 requests: what a shop's traffic looks like more than any one workload. */
function mixedRequests(data: BenchData): WrkRequest[] {
  const w = workloads(data);
  const pages = data.slugs.map((slug) => ({ path: `/products/${slug}` }));
  const mix: [WrkRequest[], number][] = [
    [w.product.ours, 7],
    [w.newest.ours, 3],
    [w.search.ours, 3],
    [w.checkout.ours, 2],
    [w.ping.ours, 2],
    [pages, 3],
  ];
  const requests: WrkRequest[] = [];
  for (let i = 0; i < 5_000; i++)
    for (const [list, share] of mix)
      for (let s = 0; s < share; s++) requests.push(list[(i * share + s) % list.length]!);
  return requests;
}

await requireWrk();
let data: BenchData;
await withBenchServer(
  {
    name: "soak",
    env: { AUTH_SECRET, LOG_LEVEL: "info", ORDER_MAX_PENDING_PER_USER: "1000" },
    prepare: async (db) => void (data = await prepareData(db, products)),
  },
  async ({ url, db, pid }) => {
    await resetStock(db, data);
    const requests = mixedRequests(data);
    const curve: { minute: string; rssMb: number; "req/s": number; "p99 ms": number; errors: number }[] = [];
    const start = await processMemoryMb(pid);
    curve.push({ minute: "0.0", rssMb: start.rssMb, "req/s": 0, "p99 ms": 0, errors: 0 });
    for (let elapsed = 0; elapsed < minutes * 60; elapsed += sampleSeconds) {
      const run = await wrk(url, requests, { seconds: sampleSeconds, connections, countStatuses: true });
      const memory = await processMemoryMb(pid);
      const failed = Object.entries(run.statuses)
        .filter(([status]) => Number(status) >= 500)
        .reduce((sum, [, n]) => sum + n, run.errors);
      curve.push({
        minute: ((elapsed + sampleSeconds) / 60).toFixed(1),
        rssMb: memory.rssMb,
        "req/s": run.rps,
        "p99 ms": run.p99Ms,
        errors: failed,
      });
      console.log(JSON.stringify(curve.at(-1)));
    }
    console.log(
      `\nSoak: ${minutes} min of mixed traffic, ${connections} connections; web process RSS after each ${sampleSeconds} s\n`,
    );
    console.table(curve);
    const later = curve.slice(Math.ceil(curve.length / 2)).map((c) => c.rssMb);
    console.log(
      `RSS second half: min ${Math.min(...later)} MB, max ${Math.max(...later)} MB; ` +
        `growth first → last sample ${curve.at(-1)!.rssMb - curve[1]!.rssMb} MB`,
    );
  },
);
