/**
 * `npm run migrate` (`node dist/server/migrate.mjs`): applies pending migrations and exits, for a
 * deployment that migrates once before starting its app and workers (compose.yaml's `migrate`
 * service). `npm start` and `npm run worker` still apply them too: with nothing pending that is
 * one query, and the advisory lock keeps concurrent runners from racing.
 */
import "../source-maps";

(process.env as Record<string, string>).NODE_ENV ??= "production";

const { bootSettings, loadEnvFiles } = await import("../env");
loadEnvFiles(false);
const { getLogger } = await import("../observability/logger");
const { applyMigrations } = await import("./migrate");

const log = getLogger();
// Only the database URL: a migration job needs no AUTH_SECRET or any other app setting.
const { DATABASE_URL } = bootSettings();
if (!DATABASE_URL) {
  log.fatal("DATABASE_URL is not set: nothing to migrate");
  process.exit(1);
}
try {
  const applied = await applyMigrations(DATABASE_URL);
  log.info({ applied }, applied.length ? "migrations applied" : "database schema up to date");
} catch (error) {
  log.fatal({ err: error }, "migrations failed");
  process.exit(1);
}
