/**
 * What every benchmark needs: a throwaway embedded PostgreSQL with the migrations applied, and
 * the self-hosted production server (`server/main.ts`) on a free loopback port, started once
 * `prepare` has filled the database. Needs a production build (`npm run build`).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
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

export async function withBenchServer(
  options: { name: string; env?: Record<string, string>; prepare?: (db: Db) => Promise<void> },
  run: (server: { url: string; db: Db }) => Promise<void>,
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
    server = spawn(
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
          // One load generator stands for many callers from one address: room for all of its calls. The
          // limiter still counts every one, so its cost is part of what is measured.
          ...BENCH_RATE_LIMITS,
          ...options.env,
        },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    await waitUntilReady(url);
    await run({ url, db });
  } finally {
    server?.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1500));
    await db.$disconnect();
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function waitUntilReady(url: string) {
  const deadline = Date.now() + 90_000;
  while (
    !(await fetch(`${url}/api/health/ready`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error("server did not become ready");
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Percentile of already sorted numbers (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
