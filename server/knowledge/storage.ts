import "server-only";
import type { Db } from "../db/client";
import type { Logger } from "../observability/logger";
import { getFileStore } from "../storage/file-store";

/**
 * Uploaded originals in the shared file store (server/storage), keyed by their SHA-256: the key
 * carries no user input and identical content maps to one file.
 */

/** The storage key of an upload's original: "knowledge/<sha256>.<ext>". */
export function uploadKey(sha256: string, extension: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256) || !/^[a-z0-9]{1,10}$/.test(extension))
    throw new Error("uploadKey expects a hex SHA-256 and a plain extension");
  return `knowledge/${sha256}.${extension}`;
}

/** Stores an upload's original; returns its key. */
export async function storeUpload(bytes: Uint8Array, key: string, contentType: string): Promise<string> {
  await getFileStore().put(key, bytes, contentType);
  return key;
}

/**
 * Removes a stored file unless a document still refers to it (after a failed upload, the same
 * content may belong to an existing document). A failure is logged, not thrown: the row is what
 * matters, an orphan file is only space.
 */
export async function removeUploadIfUnused(ctx: { db: Db; log: Logger }, storageKey: string | null) {
  if (!storageKey) return;
  try {
    if (await ctx.db.knowledgeDocument.count({ where: { storageKey } })) return;
    await getFileStore().delete(storageKey);
  } catch (error) {
    ctx.log.warn({ err: error, storageKey }, "could not remove a stored upload");
  }
}
