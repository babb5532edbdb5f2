/**
 * What every benchmark needs: a throwaway embedded PostgreSQL with the migrations applied, and
 * the self-hosted production server on a free loopback port, started once `prepare` has filled
 * the database. Needs a production build (`npm run build`). Prints the server's start-up time and
 * memory after the run, the figures of docs/decisions/023-compiled-server-and-docker.md.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createPrismaClient, type Db } from "../db/client";
import { freePort, startEmbeddedPostgres } from "../db/embedded-postgres";
import { applyMigrations } from "../db/migrate";

/** Limits no benchmark's load generator reaches (see where they are used). */
export const BENCH_RATE_LIMITS = {
  RATE_LIMIT_READS: "1000000000/60",
  RATE_LIMIT_WRITES: "1000000000/60",
  RATE_LIMIT_CHECKOUT: "1000000000/60",
  RATE_LIMIT_ASSISTANT: "1000000000/60",
};

/** What a benchmarked production server runs with: the command's own settings, quiet logs. */
export function benchServerEnv(command: { env: Record<string, string> }, databaseUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...command.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

/**
 * How `npm start` (main) and `npm run worker` run: the bundle `npm run build` writes, or
 * (BENCH_SERVER=tsx, or no bundle yet) the TypeScript sources through tsx, as they did before it.
 */
export function productionCommand(entry: "main" | "worker" = "main"): {
  command: string;
  args: string[];
  env: Record<string, string>;
} {
  const compiled = path.join(process.cwd(), `dist/server/${entry}.mjs`);
  if (process.env.BENCH_SERVER !== "tsx" && existsSync(compiled))
    return { command: process.execPath, args: ["--enable-source-maps", compiled], env: {} };
  const source = entry === "main" ? "server/main.ts" : "server/jobs/worker.ts";
  return {
    command: process.execPath,
    args: ["--import", "tsx", source],
    env: { TSX_TSCONFIG_PATH: "server/tsconfig.node.json" },
  };
}

/**
 * A process's /proc stat fields after its command name, which sits in parentheses and may hold
 * spaces: [1] the parent's pid, [11] utime, [12] stime, [13] cutime, [14] cstime (clock ticks of 10 ms).
 */
async function procStat(pid: number | string) {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** CPU time a live process has used so far (user + system), in ms (Linux /proc). */
export async function processCpuMs(pid: number) {
  const fields = await procStat(pid);
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU time a PostgreSQL server has used so far, in ms: its postmaster (with the backends it has
 * reaped) and every live child — backends, and also autovacuum, the checkpointer and the job
 * queue's polling, so a per-request figure includes the database's background share. Tells
 * whether a workload waits on the web process or the database.
 */
export async function postgresCpuMs(dataDir: string) {
  const postmaster = (await readFile(path.join(dataDir, "cluster", "postmaster.pid"), "utf8")).split("\n")[0]!;
  let total = 0;
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = await procStat(entry);
    const own = Number(fields[11]) + Number(fields[12]);
    if (entry === postmaster) total += own + Number(fields[13]) + Number(fields[14]);
    else if (fields[1] === postmaster) total += own;
  }
  return total * 10;
}

/** Resident and peak resident memory of a live process, in MB (Linux /proc). */
export async function processMemoryMb(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb("VmRSS") / 1024), peakRssMb: Math.round(kb("VmHWM") / 1024) };
}

export async function withBenchServer(
  options: { name: string; env?: Record<string, string>; prepare?: (db: Db) => Promise<void> },
  run: (server: { url: string; db: Db; pid: number; databaseCpuMs: () => Promise<number> }) => Promise<void>,
) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `shopwise-bench-${options.name}-`));
  const pg = await startEmbeddedPostgres({ dataDir, database: "bench", persistent: false });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let server: ReturnType<typeof spawn> | undefined;
  const db = createPrismaClient(pg.url);
  // `prepare` may run app services in this process; they read the database from the env.
  process.env.DATABASE_URL = pg.url;
  try {
    await applyMigrations(pg.url);
    await options.prepare?.(db);
    const command = productionCommand();
    const spawned = performance.now();
    server = spawn(command.command, command.args, {
      env: {
        ...benchServerEnv(command, pg.url),
        PORT: String(port),
        // One load generator stands for many callers from one address: room for all of its calls. The
        // limiter still counts every one, so its cost is part of what is measured.
        ...BENCH_RATE_LIMITS,
        ...options.env,
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitUntilReady(url);
    const startupMs = Math.round(performance.now() - spawned);
    const atReady = await processMemoryMb(server.pid!);
    await run({ url, db, pid: server.pid!, databaseCpuMs: () => postgresCpuMs(dataDir) });
    const memory = await processMemoryMb(server.pid!);
    console.log(
      `\nserver: ${[command.command, ...command.args].join(" ")}\n` +
        `start-up (spawn → /api/health/ready 200): ${startupMs} ms, RSS then ${atReady.rssMb} MB; ` +
        `after the run: RSS ${memory.rssMb} MB, peak RSS ${memory.peakRssMb} MB`,
    );
  } finally {
    server?.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1500));
    await db.$disconnect();
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function waitUntilReady(url: string) {
  const deadline = Date.now() + 90_000;
  while (
    !(await fetch(`${url}/api/health/ready`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error("server did not become ready");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Percentile of already sorted numbers (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
