import "server-only";
import pg from "pg";
import { requireDatabaseUrl } from "../db/client";
import { pendingMigrations } from "../db/migrate";
import { getEnv } from "../env";
import { getBoss, queueState } from "../jobs/queue";
import { busStatus } from "../realtime/bus";
import { withTimeout } from "../timeout";
import packageJson from "../../package.json" with { type: "json" };

/** Liveness: the process answers. Cheap, touches nothing else. */
export function liveness() {
  return { status: "ok" as const, version: packageJson.version, uptimeSeconds: Math.round(process.uptime()) };
}

/** `warn`: reported, but the instance still serves (readiness stays 200). */
type Check = { status: "ok" | "warn" | "fail"; detail?: string; durationMs: number };

let shuttingDown = false;
/** From the stop signal on, readiness fails so load balancers send new requests elsewhere. */
export function markShuttingDown() {
  shuttingDown = true;
}

/** Readiness: every dependency a request needs is there. 503 when any check fails. */
export async function readiness(databaseUrl = requireDatabaseUrl()): Promise<{
  httpStatus: 200 | 503;
  body: { status: "ok" | "fail"; instance?: string; checks: Record<string, Check> };
}> {
  if (shuttingDown)
    return {
      httpStatus: 503,
      body: { status: "fail", checks: { shutdown: { status: "fail", detail: "shutting down", durationMs: 0 } } },
    };
  const [{ database, migrations }, jobQueue] = await Promise.all([checkDatabase(databaseUrl), timed(checkJobQueue)]);
  const checks = { database, migrations, jobQueue, bus: checkBus() };
  const ok = Object.values(checks).every((c) => c.status !== "fail");
  return { httpStatus: ok ? 200 : 503, body: { status: ok ? "ok" : "fail", instance: busStatus().instanceId, checks } };
}

async function checkDatabase(url: string): Promise<{ database: Check; migrations: Check }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    const database = await timed(async () => {
      await client.connect();
      await client.query("SELECT 1");
    });
    const migrations: Check =
      database.status === "ok"
        ? await timed(async () => {
            const pending = await pendingMigrations(client);
            if (pending.length) throw new Error(`pending: ${pending.join(", ")}`);
          })
        : { status: "fail", detail: "database unreachable", durationMs: 0 };
    return { database, migrations };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Whether this instance hears the bus. Not hearing it does not stop it serving (its cache then
 * keeps entries 5 s, server/cache.ts), so a lost Redis or a reconnect is a warning, not a 503.
 */
function checkBus(): Check {
  const { state, transport, since } = busStatus();
  const detail = `${state} (${transport}) since ${since}`;
  return { status: state === "listening" ? "ok" : "warn", detail, durationMs: 0 };
}

async function checkJobQueue() {
  const boss = await withTimeout(getBoss(), 3000);
  if ((await boss.schemaVersion()) === null) throw new Error("pg-boss schema is not installed");
  const state = queueState();
  if (state !== "running") throw new Error(`queue is ${state}`);
  return `workers: ${getEnv().JOBS_WORKER}`;
}

async function timed(fn: () => Promise<string | void>): Promise<Check> {
  const started = performance.now();
  try {
    const detail = await fn();
    return { status: "ok", ...(detail && { detail }), durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: "fail", detail: (error as Error).message, durationMs: Math.round(performance.now() - started) };
  }
}
