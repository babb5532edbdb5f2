import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { applyMigrations, MIGRATIONS_DIR } from "../db/migrate";
import { getEnv } from "../env";
import { getLogger } from "../observability/logger";
import { getFileStore } from "../storage/file-store";
import { captureLogs } from "../test/logs";
import { ingestDocument } from "./ingestion.service";
import { migrateDiskUploads } from "./migrate-disk-uploads";

const SHARED_STORAGE = "20261203030000_shared_storage";
const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** A second database next to this file's, for migrating a pre-shared-storage schema forward. */
let oldSchemaUrl = "";
let dataDir = "";
beforeAll(async () => {
  const url = new URL(getEnv().DATABASE_URL!);
  const name = `${url.pathname.slice(1)}_disk`;
  const admin = new pg.Client({ connectionString: url.toString().replace(/\/[^/]+$/, "/postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  url.pathname = `/${name}`;
  oldSchemaUrl = url.toString();
  dataDir = await mkdtemp(path.join(os.tmpdir(), "shopwise-uploads-"));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe("moving uploads off the local disk", () => {
  it("turns each row's disk path into its storage key (the SQL migration)", async () => {
    // Every migration before this one, as an existing install has them.
    const before = await mkdtemp(path.join(os.tmpdir(), "shopwise-migrations-"));
    for (const entry of await readdir(MIGRATIONS_DIR))
      if (entry < SHARED_STORAGE)
        await cp(path.join(MIGRATIONS_DIR, entry), path.join(before, entry), { recursive: true });
    await applyMigrations(oldSchemaUrl, before);
    const client = new pg.Client({ connectionString: oldSchemaUrl });
    await client.connect();
    try {
      const hash = sha256("old upload");
      await client.query(
        `INSERT INTO "KnowledgeDocument" (id, title, origin, "mimeType", "storagePath", "sizeBytes", sha256, "updatedAt")
         VALUES ('up', 'Old', 'upload', 'text/markdown', $1, 10, $2, now()),
                ('hc', 'Help', 'help-centre', 'text/markdown', NULL, 4, 'x', now())`,
        [`/srv/shopwise/.data/uploads/${hash}.md`, hash],
      );
      // This one and those after it: the install catches up.
      const applied = await applyMigrations(oldSchemaUrl);
      expect(applied[0]).toBe(SHARED_STORAGE);
      expect(applied.every((name) => name >= SHARED_STORAGE)).toBe(true);
      const { rows } = await client.query(`SELECT id, "storageKey" FROM "KnowledgeDocument" ORDER BY id`);
      expect(rows).toEqual([
        { id: "hc", storageKey: null },
        { id: "up", storageKey: `knowledge/${hash}.md` },
      ]);
    } finally {
      await client.end();
      await rm(before, { recursive: true, force: true });
    }
  });

  it("moves the files documents refer to into the store once, keeps every file aside, and logs it", async () => {
    const text = `# Old care guide\n\n## Washing\nBy hand only (${randomBytes(4).toString("hex")}).`;
    const hash = sha256(text);
    const document = await db.knowledgeDocument.create({
      data: {
        title: "Old care guide",
        origin: "upload",
        mimeType: "text/markdown",
        storageKey: `knowledge/${hash}.md`,
        sizeBytes: Buffer.byteLength(text),
        sha256: hash,
      },
    });
    const uploads = path.join(dataDir, "uploads");
    await mkdir(uploads, { recursive: true });
    await writeFile(path.join(uploads, `${hash}.md`), text);
    const orphan = `${sha256("orphan")}.pdf`;
    await writeFile(path.join(uploads, orphan), "left over from a failed upload");

    const logs = captureLogs();
    try {
      expect(await migrateDiskUploads({ db, log: getLogger() }, dataDir)).toEqual({ moved: 1, unreferenced: 1 });
      expect(logs.lines()).toContainEqual(
        expect.objectContaining({ msg: "upload moved from disk to the file store", key: `knowledge/${hash}.md` }),
      );
    } finally {
      logs.restore();
    }
    expect(await getFileStore().get(`knowledge/${hash}.md`)).toMatchObject({ contentType: "text/markdown" });
    expect(await getFileStore().get(`knowledge/${orphan}`)).toBeNull();
    expect(existsSync(uploads)).toBe(false);
    expect((await readdir(path.join(dataDir, "uploads-migrated"))).sort()).toEqual([`${hash}.md`, orphan].sort());

    // The worker now reads the bytes from the store, not from this machine's disk.
    await ingestDocument({ db, log: getLogger() }, document.id);
    expect(await db.knowledgeDocument.findUniqueOrThrow({ where: { id: document.id } })).toMatchObject({
      status: "READY",
      chunkCount: 1,
    });
    expect(await migrateDiskUploads({ db, log: getLogger() }, dataDir)).toEqual({ moved: 0, unreferenced: 0 });
  });

  it("names the missing key when a document's file is in no store", async () => {
    const document = await db.knowledgeDocument.create({
      data: {
        title: "Lost",
        origin: "upload",
        mimeType: "text/markdown",
        storageKey: `knowledge/${sha256("lost")}.md`,
        sizeBytes: 4,
        sha256: sha256("lost"),
      },
    });
    await expect(ingestDocument({ db, log: getLogger() }, document.id)).rejects.toThrow(
      /stored file knowledge\/[0-9a-f]{64}\.md is missing from the postgres file store/,
    );
    expect(await db.knowledgeDocument.findUniqueOrThrow({ where: { id: document.id } })).toMatchObject({
      status: "FAILED",
    });
  });
});
