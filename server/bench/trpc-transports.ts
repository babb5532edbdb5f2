/**
 * Benchmark: the same tRPC call through the self-hosted fast path (`npm start`) and through
 * Next's route handler (`next start`), against one throwaway embedded PostgreSQL, same machine,
 * same run. Needs a production build first: `npm run build && npm run bench:transports`.
 * Loopback only, bounded: DURATION seconds per target (default 10), CONNECTIONS (default 50).
 */
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startEmbeddedPostgres } from "../db/embedded-postgres";
import { applyMigrations } from "../db/migrate";
import { BENCH_RATE_LIMITS, productionCommand } from "./bench-server";

const duration = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 50);
const route = "/api/trpc/health.ping";

const dataDir = await mkdtemp(path.join(os.tmpdir(), "shopwise-bench-"));
const pg = await startEmbeddedPostgres({ dataDir, database: "bench", persistent: false });
await applyMigrations(pg.url);

const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  DATABASE_URL: pg.url,
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  LOG_LEVEL: "warn",
  NEXT_TELEMETRY_DISABLED: "1",
  // One load generator stands for many callers from one address: room for all of its calls. The
  // limiter still counts every one, so its cost is part of what is measured.
  ...BENCH_RATE_LIMITS,
};
const bin = (name: string) => path.join(process.cwd(), "node_modules/.bin", name);
const children: ChildProcess[] = [];

async function serve(name: string, command: string, args: string[], port: number, extraEnv = {}) {
  const child = spawn(command, args, {
    env: { ...env, ...extraEnv, PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}${route}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return `http://127.0.0.1:${port}`;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not come up on :${port}`);
}

async function measure(name: string, base: string) {
  await autocannon({ url: base + route, connections, duration: 2 }); // warm-up
  const result = await autocannon({ url: base + route, connections, duration });
  return {
    target: name,
    "req/s (avg)": Math.round(result.requests.average),
    "p50 ms": result.latency.p50,
    "p99 ms": result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

try {
  const fastPort = await freePort();
  const server = productionCommand();
  const fast = await serve("fast path", server.command, server.args, fastPort, server.env);
  const nextPort = await freePort();
  const viaNext = await serve("next route", bin("next"), ["start", "-p", String(nextPort)], nextPort);
  const rows = [await measure("self-hosted fast path", fast), await measure("Next route handler", viaNext)];
  console.log(`\nGET ${route} — ${connections} connections, ${duration} s each, ${os.cpus().length} cores\n`);
  console.table(rows);
} finally {
  for (const child of children) child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 1500));
  await pg.stop();
  await rm(dataDir, { recursive: true, force: true });
}
