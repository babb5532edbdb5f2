import "server-only";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rmdir } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../db/client";
import type { Logger } from "../observability/logger";
import { getFileStore } from "../storage/file-store";

/**
 * Before shared storage, uploads were files under DATA_DIR/uploads, named <sha256>.<ext>, which
 * only the machine that received them could read. The migration
 * 20261203030000_shared_storage turned each row's path into the key "knowledge/<that name>";
 * this moves the bytes: each file a document refers to goes into the file store, and every file
 * then moves to DATA_DIR/uploads-migrated (kept, not deleted: the operator removes it once
 * satisfied). Nothing is left in DATA_DIR/uploads, so the next start has nothing to do.
 */
export async function migrateDiskUploads(ctx: { db: Db; log: Logger }, dataDir: string, store = getFileStore()) {
  const source = path.resolve(dataDir, "uploads");
  if (!existsSync(source)) return { moved: 0, unreferenced: 0 };
  const target = path.resolve(dataDir, "uploads-migrated");
  await mkdir(target, { recursive: true });
  let moved = 0;
  let unreferenced = 0;
  for (const entry of await readdir(source, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(source, entry.name);
    const key = `knowledge/${entry.name}`;
    const document = /^[0-9a-f]{64}\.[a-z0-9]{1,10}$/.test(entry.name)
      ? await ctx.db.knowledgeDocument.findFirst({ where: { storageKey: key }, select: { mimeType: true } })
      : null;
    try {
      if (document) {
        await store.put(key, await readFile(file), document.mimeType);
        ctx.log.info({ file, key, store: store.kind }, "upload moved from disk to the file store");
        moved++;
      } else {
        ctx.log.info({ file }, "upload on disk no document refers to: not stored");
        unreferenced++;
      }
      await rename(file, path.join(target, entry.name));
    } catch (error) {
      // Another instance sharing this data directory moved it first (both started at once).
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  await rmdir(source).catch(() => {}); // a folder left in it: nothing of ours
  ctx.log.info({ moved, unreferenced, keptIn: target }, "uploads on disk migrated to the file store");
  return { moved, unreferenced };
}
