/**
 * `npm run worker`: a standalone job worker for production (run as many as the load needs).
 * On SIGTERM/SIGINT running jobs get SHUTDOWN_GRACE_SECONDS to finish; pg-boss then fails the
 * ones still running (a job stuck on a lock, say) so another worker retries them, and the
 * process exits within the grace period whatever those jobs are blocked on.
 */
import "../source-maps";

(process.env as Record<string, string>).NODE_ENV ??= "production";

const { getEnv, loadEnvFiles } = await import("../env");
loadEnvFiles(false);
const { getLogger } = await import("../observability/logger");
const { applyMigrations } = await import("../db/migrate");
const { requireDatabaseUrl } = await import("../db/client");
const { startWorkers, stopWorkers } = await import("./workers");
const { closeMailTransports } = await import("../mail/mail.service");
const { startTracing, stopTracing } = await import("../observability/tracing-setup");
const { startBus, stopBus } = await import("../realtime/bus");

const log = getLogger();
let graceMs = 25_000;
let stopping = false;
async function shutdown(signal: string) {
  // npm forwards the terminal's Ctrl-C, so the same signal may arrive twice: ignore repeats.
  if (stopping) return;
  stopping = true;
  log.info({ signal, graceSeconds: graceMs / 1000 }, "worker stopping after the running jobs");
  setTimeout(() => {
    // Only a connection still blocked (a job's query waiting on a lock) gets here; its job has
    // been failed for a retry already, and exiting drops the connection and its lock wait.
    log.warn("grace period over with a database call still blocked; exiting");
    process.exit(1);
  }, graceMs).unref();
  // Leave the last 2 s of the grace to close the pools.
  await stopWorkers(Math.max(1000, graceMs - 2000));
  closeMailTransports();
  await stopBus();
  const { db } = await import("../db/client");
  await db.$disconnect();
  log.info("worker stopped");
  await stopTracing();
  process.exit(0);
}
// Before start-up: a signal that arrives while the workers start must not kill the process outright.
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

try {
  graceMs = getEnv().SHUTDOWN_GRACE_SECONDS * 1000;
  startTracing();
  await applyMigrations(requireDatabaseUrl());
  // Jobs publish invalidations (expired orders return stock) and read cached catalog rows.
  await startBus();
  await startWorkers();
} catch (error) {
  if (stopping) await new Promise(() => {}); // stopped mid-start: shutdown() exits the process
  log.fatal({ err: error }, "worker failed to start");
  console.error(`\n${(error as Error).message}\n`);
  process.exit(1);
}
