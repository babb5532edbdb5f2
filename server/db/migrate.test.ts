import { execFile } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "../env";
import { applyMigrations, pendingMigrations, readMigrations } from "./migrate";

const run = promisify(execFile);

/** A second, empty database next to this file's own, for migrating from nothing. */
let emptyUrl = "";
beforeAll(async () => {
  const url = new URL(getEnv().DATABASE_URL!);
  const name = `${url.pathname.slice(1)}_empty`;
  const admin = new pg.Client({ connectionString: url.toString().replace(/\/[^/]+$/, "/postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  url.pathname = `/${name}`;
  emptyUrl = url.toString();
});

const withClient = async <T>(url: string, fn: (c: pg.Client) => Promise<T>) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

describe("migration runner", () => {
  it("applies every migration once and records it as Prisma Migrate does", async () => {
    const onDisk = await readMigrations();
    expect(await applyMigrations(emptyUrl)).toEqual(onDisk.map((m) => m.name));
    expect(await applyMigrations(emptyUrl)).toEqual([]);
    const rows = await withClient(emptyUrl, async (c) => {
      expect(await pendingMigrations(c)).toEqual([]);
      return (
        await c.query(
          `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY 1`,
        )
      ).rows;
    });
    expect(rows).toEqual(
      onDisk.map((m) =>
        expect.objectContaining({ migration_name: m.name, checksum: m.checksum, applied_steps_count: 1 }),
      ),
    );
  });

  it("rolls a failing migration back whole and names it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "migrations-"));
    await mkdir(path.join(dir, "20990101000000_broken"));
    await writeFile(
      path.join(dir, "20990101000000_broken", "migration.sql"),
      `CREATE TABLE half_done (id int);\nSELECT no_such_function();`,
    );
    await expect(applyMigrations(emptyUrl, dir)).rejects.toThrow(/20990101000000_broken failed/);
    const exists = await withClient(
      emptyUrl,
      async (c) => (await c.query(`SELECT to_regclass('half_done') AS t`)).rows[0].t,
    );
    expect(exists).toBeNull();
    expect(await withClient(emptyUrl, (c) => pendingMigrations(c, dir))).toEqual(["20990101000000_broken"]);
  });

  // Needs Prisma's schema engine: downloaded on normal machines, PRISMA_SCHEMA_ENGINE_BINARY here.
  it("produces exactly the schema in schema.prisma (no drift), as Prisma itself sees it", async () => {
    const { stdout } = await run(
      "npx",
      ["prisma", "migrate", "diff", "--from-config-datasource", "--to-schema", "prisma/schema.prisma", "--exit-code"],
      { env: { ...process.env, DATABASE_URL: emptyUrl }, timeout: 60_000 },
    ).catch((error: { code: number; stdout: string; stderr: string }) => {
      throw new Error(`prisma migrate diff exited ${error.code}:\n${error.stdout}\n${error.stderr}`);
    });
    expect(stdout).toMatch(/No difference detected|empty migration/i);
  }, 60_000);

  it("agrees with `prisma migrate status`", async () => {
    const { stdout } = await run("npx", ["prisma", "migrate", "status"], {
      env: { ...process.env, DATABASE_URL: emptyUrl },
      timeout: 60_000,
    });
    expect(stdout).toContain("Database schema is up to date");
  }, 60_000);
});

afterAll(() => {});
