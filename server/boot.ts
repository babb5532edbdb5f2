import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./db/embedded-postgres";
import { applyMigrations } from "./db/migrate";
import { getEnv, setEnvDefaults } from "./env";
import { getLogger } from "./observability/logger";

/**
 * Gets a process ready to serve: database (embedded when DATABASE_URL is unset), settings that
 * have local defaults, migrations, demo data once. Used by `npm run dev` and `npm start`.
 */
export async function prepareRuntime(options: { embeddedPort?: number } = {}) {
  const env = getEnv(); // fails fast, naming any bad variable
  const log = getLogger();
  const dataDir = path.resolve(env.DATA_DIR);
  let embedded: EmbeddedDatabase | undefined;

  if (!env.DATABASE_URL) {
    const started = performance.now();
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "postgres"),
      database: "shopwise",
      persistent: true,
      preferredPort: options.embeddedPort ?? 54329,
      onLog: (line) => log.debug({ component: "postgres" }, line),
    });
    log.info(
      { port: embedded.port, durationMs: Math.round(performance.now() - started) },
      "embedded PostgreSQL started",
    );
    setEnvDefaults({
      DATABASE_URL: embedded.url,
      SHOPWISE_EMBEDDED_DB: "true",
      // A local install needs no secret from its operator: one is generated and kept in DATA_DIR.
      AUTH_SECRET: await localSecret(dataDir, "auth-secret"),
    });
  } else if (!env.AUTH_SECRET && env.NODE_ENV !== "production") {
    setEnvDefaults({ AUTH_SECRET: await localSecret(dataDir, "auth-secret") });
  }

  try {
    const applied = await applyMigrations(getEnv().DATABASE_URL!);
    log.info({ applied }, applied.length ? "migrations applied" : "database schema up to date");
    const demoAccounts = embedded ? await seedOnce(dataDir) : [];
    return { embedded, demoAccounts };
  } catch (error) {
    await embedded?.stop(); // leave no orphaned server holding the data directory
    throw error;
  }
}

/** Seeds the embedded database on its first start; later starts show the same credentials. */
async function seedOnce(dataDir: string) {
  const file = path.join(dataDir, "demo-accounts.json");
  if (existsSync(file))
    return JSON.parse(await readFile(file, "utf8")) as { email: string; password: string; role: string }[];
  const { db } = await import("./db/client");
  const { seedDemoData } = await import("./db/seed");
  const created = await seedDemoData(db);
  await writeFile(file, JSON.stringify(created, null, 2), { mode: 0o600 });
  return created;
}

async function localSecret(dataDir: string, name: string): Promise<string> {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}
