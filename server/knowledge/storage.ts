import "server-only";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../db/client";
import { getEnv } from "../env";
import type { Logger } from "../observability/logger";

/**
 * Uploaded originals on the local disk, under DATA_DIR/uploads, named by their SHA-256: the name
 * carries no user input (no path tricks) and identical content maps to one file.
 */

export function uploadsDir(): string {
  return path.resolve(getEnv().DATA_DIR, "uploads");
}

/** Writes the file (to a temporary name, then renamed: a reader never sees half a file); returns its path. */
export async function storeUpload(bytes: Uint8Array, sha256: string, extension: string): Promise<string> {
  if (!/^[0-9a-f]{64}$/.test(sha256) || !/^[a-z0-9]{1,10}$/.test(extension))
    throw new Error("storeUpload expects a hex SHA-256 and a plain extension");
  const dir = uploadsDir();
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, `${sha256}.${extension}`);
  const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, target);
  return target;
}

/**
 * Removes a stored file unless a document still refers to it (after a failed upload, the same
 * content may belong to an existing document). A failure is logged, not thrown: the row is what
 * matters, an orphan file is only disk space.
 */
export async function removeUploadIfUnused(ctx: { db: Db; log: Logger }, storagePath: string | null) {
  if (!storagePath) return;
  try {
    if (await ctx.db.knowledgeDocument.count({ where: { storagePath } })) return;
    await rm(storagePath, { force: true });
  } catch (error) {
    ctx.log.warn({ err: error, storagePath }, "could not remove a stored upload");
  }
}
