import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { readOrCreateSecret, startEmbeddedPostgres, type EmbeddedDatabase } from "./db/embedded-postgres";
import { applyMigrations } from "./db/migrate";
import type { DemoAccount } from "./db/seed";
import { bootSettings, getEnv, setEnvDefaults } from "./env";
import { getLogger } from "./observability/logger";

/**
 * Gets a process ready to serve: database (embedded when DATABASE_URL is unset), settings that
 * have local defaults, migrations, uploads left on disk by older versions moved to the shared
 * file store, demo data once. Used by `npm run dev` and `npm start`.
 */
export async function prepareRuntime(options: { embeddedPort?: number } = {}) {
  const boot = bootSettings();
  const dataDir = path.resolve(boot.DATA_DIR);
  let embedded: EmbeddedDatabase | undefined;

  if (!boot.DATABASE_URL) {
    const started = performance.now();
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "postgres"),
      database: "shopwise",
      persistent: true,
      preferredPort: options.embeddedPort ?? 54329,
      onLog: (line) => getLogger().debug({ component: "postgres" }, line),
    });
    // A local install needs no secret from its operator: one is generated and kept in DATA_DIR.
    setEnvDefaults({
      DATABASE_URL: embedded.url,
      SHOPWISE_EMBEDDED_DB: "true",
      AUTH_SECRET: await readOrCreateSecret(path.join(dataDir, "auth-secret")),
    });
    getLogger().info(
      { port: embedded.port, durationMs: Math.round(performance.now() - started) },
      "embedded PostgreSQL started",
    );
  } else if (!boot.AUTH_SECRET && boot.NODE_ENV !== "production") {
    setEnvDefaults({ AUTH_SECRET: await readOrCreateSecret(path.join(dataDir, "auth-secret")) });
  }

  try {
    const env = getEnv(); // the full validation: fails naming any bad variable
    const log = getLogger();
    const applied = await applyMigrations(env.DATABASE_URL!);
    log.info({ applied }, applied.length ? "migrations applied" : "database schema up to date");
    const uploads = await migrateUploads(dataDir);
    const demoAccounts = embedded ? await seedDemoAccounts(dataDir) : [];
    if (embedded) await seedDemoCatalog(env.SEED_PRODUCTS);
    const helpCentre = await indexHelpCentre();
    return { embedded, demoAccounts, helpCentre, uploads };
  } catch (error) {
    await embedded?.stop(); // leave no orphaned server holding the data directory
    throw error;
  }
}

async function migrateUploads(dataDir: string) {
  const { db } = await import("./db/client");
  const { migrateDiskUploads } = await import("./knowledge/migrate-disk-uploads");
  return migrateDiskUploads({ db, log: getLogger() }, dataDir);
}

/** A believable catalog for a new embedded database (nothing happens once one exists). */
async function seedDemoCatalog(products: number) {
  const { db } = await import("./db/client");
  const { seedCatalog } = await import("./catalog/catalog-seed");
  const started = performance.now();
  const result = await seedCatalog(db, { products });
  if (result.created)
    getLogger().info({ ...result, durationMs: Math.round(performance.now() - started) }, "demo catalog seeded");
}

/**
 * The help centre ships with the app: new or edited articles are (re)indexed by the durable
 * knowledge.ingest job, whatever the database. Returns how many were queued. Also run by the
 * release step of hosts without a start-up (server/release.ts).
 */
export async function indexHelpCentre() {
  const { db } = await import("./db/client");
  const { upsertHelpCentre } = await import("./knowledge/help-centre");
  const { enqueue } = await import("./jobs/queue");
  const { ingestKnowledgeDocument } = await import("./jobs/ingest-knowledge-document");
  const changed = await upsertHelpCentre(db);
  for (const documentId of changed) await enqueue(ingestKnowledgeDocument, { documentId });
  if (changed.length) getLogger().info({ documents: changed.length }, "help centre queued for indexing");
  return { queued: changed.length };
}

/**
 * Seeds demo accounts when the database has none (a new or reset cluster) and remembers their
 * generated passwords, so every start of the same database can print them.
 */
async function seedDemoAccounts(dataDir: string): Promise<DemoAccount[]> {
  const file = path.join(dataDir, "demo-accounts.json");
  const { db } = await import("./db/client");
  const { seedDemoData } = await import("./db/seed");
  const created = await seedDemoData(db);
  if (created.length) await writeFile(file, JSON.stringify(created, null, 2), { mode: 0o600 });
  return existsSync(file) ? (JSON.parse(await readFile(file, "utf8")) as DemoAccount[]) : [];
}
