import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { PgBoss } from "pg-boss";
import { startEmbeddedPostgres } from "../db/embedded-postgres";
import { applyMigrations } from "../db/migrate";

/**
 * One throwaway PostgreSQL for the run. A template database gets the migrations and pg-boss's
 * schema once; each test file then clones it (CREATE DATABASE … TEMPLATE), which takes
 * milliseconds and keeps files independent.
 */
export const TEMPLATE_DB = "shopwise_template";

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "shopwise-test-pg-"));
  const pg = await startEmbeddedPostgres({ dataDir: dir, database: TEMPLATE_DB, persistent: false });
  await applyMigrations(pg.url);
  const boss = new PgBoss({ connectionString: pg.url, schema: "pgboss", supervise: false, schedule: false });
  await boss.start();
  await boss.stop({ graceful: false });

  project.provide("templateDatabaseUrl", pg.url);
  return async () => {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}
