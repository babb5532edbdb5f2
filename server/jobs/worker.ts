/**
 * `npm run worker`: a standalone job worker for production (run as many as the load needs).
 * SIGTERM lets the running job finish, then exits.
 */
(process.env as Record<string, string>).NODE_ENV ??= "production";

const { getEnv, loadEnvFiles } = await import("../env");
loadEnvFiles(false);
const { getLogger } = await import("../observability/logger");
const { applyMigrations } = await import("../db/migrate");
const { requireDatabaseUrl } = await import("../db/client");
const { startWorkers, stopWorkers } = await import("./workers");

const log = getLogger();
try {
  getEnv();
  await applyMigrations(requireDatabaseUrl());
  await startWorkers({ concurrency: 4 });
} catch (error) {
  log.fatal({ err: error }, "worker failed to start");
  console.error(`\n${(error as Error).message}\n`);
  process.exit(1);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "worker stopping after the running job");
  await stopWorkers();
  const { db } = await import("../db/client");
  await db.$disconnect();
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
