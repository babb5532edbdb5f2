/**
 * `npm run bench:startup`: how long the production server takes from spawn to a 200 on
 * /api/health/ready, and its RSS then, over RUNS starts (default 5) on one throwaway embedded
 * PostgreSQL (migrated and seeded once, so every start does the same work). After `npm run build`;
 * BENCH_SERVER=tsx runs the TypeScript sources through tsx instead of the bundle, for comparison.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { seedCatalog } from "../catalog/catalog-seed";
import { createPrismaClient } from "../db/client";
import { freePort, startEmbeddedPostgres } from "../db/embedded-postgres";
import { applyMigrations } from "../db/migrate";
import { benchServerEnv, percentile, processMemoryMb, productionCommand, waitUntilReady } from "./bench-server";

const runs = Number(process.env.RUNS ?? 5);
const dataDir = await mkdtemp(path.join(os.tmpdir(), "shopwise-bench-startup-"));
const pg = await startEmbeddedPostgres({ dataDir, database: "bench", persistent: false });
const command = productionCommand();
const samples: { ms: number; rssMb: number }[] = [];
try {
  await applyMigrations(pg.url);
  const db = createPrismaClient(pg.url);
  await seedCatalog(db, { products: 2_000 });
  await db.$disconnect();
  const env = benchServerEnv(command, pg.url);
  for (let run = 0; run < runs; run++) {
    const port = await freePort();
    const started = performance.now();
    const server = spawn(command.command, command.args, {
      env: { ...env, PORT: String(port) },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitUntilReady(`http://127.0.0.1:${port}`);
    samples.push({ ms: Math.round(performance.now() - started), ...(await processMemoryMb(server.pid!)) });
    server.kill("SIGTERM");
    await once(server, "exit");
  }
} finally {
  await pg.stop();
  await rm(dataDir, { recursive: true, force: true });
}
const sorted = (values: number[]) => values.toSorted((a, b) => a - b);
const ms = sorted(samples.map((s) => s.ms));
const rss = sorted(samples.map((s) => s.rssMb));
console.log(`\nserver: ${[command.command, ...command.args].join(" ")} — ${runs} starts, ${os.cpus().length} cores`);
console.log(`spawn → /api/health/ready 200: median ${percentile(ms, 50)} ms (${ms.join(", ")})`);
console.log(`RSS when ready: median ${percentile(rss, 50)} MB (${rss.join(", ")})`);
