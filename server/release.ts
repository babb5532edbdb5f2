/**
 * `npm run release`: the release step of hosts where no Shopwise process starts up before serving
 * (Vercel, plain `next start`). It does what `npm start` does before it listens, minus what only a
 * long-lived server needs: applies pending migrations (Prisma's advisory lock, the same
 * `_prisma_migrations` rows as `prisma migrate deploy`, no native engine) and queues the help
 * centre's new or edited articles for indexing, which the next `/api/cron/drain` runs. Idempotent:
 * every deployment may run it. See README "Deploy on Vercel".
 */
import { indexHelpCentre } from "./boot";
import { applyMigrations } from "./db/migrate";
import { getEnv, loadEnvFiles } from "./env";
import { getLogger } from "./observability/logger";

loadEnvFiles(false);
const log = getLogger();
try {
  const env = getEnv();
  // Unlike `npm start` there is no embedded fallback: a release targets one real database.
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is required by the release step (no embedded database here)");
  const applied = await applyMigrations(env.DATABASE_URL);
  log.info({ applied }, applied.length ? "migrations applied" : "database schema up to date");
  const helpCentre = await indexHelpCentre();
  log.info(helpCentre, "release step finished");
} catch (error) {
  log.fatal({ err: error }, "release step failed");
  console.error(`\n${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  const { stopBoss } = await import("./jobs/queue");
  const { db } = await import("./db/client");
  await stopBoss().catch(() => {});
  await db.$disconnect().catch(() => {});
}
