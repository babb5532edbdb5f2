import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "../db/client";
import type { FileStore, StoredObject } from "./file-store";
import { checkKey } from "./storage-key";

/**
 * Files as rows of StoredFile (bytea): no second service to run, and the bytes are in every
 * backup of the database. Fine for documents of a few megabytes (KNOWLEDGE_MAX_UPLOAD_MB); large
 * or many files belong in S3 (S3_BUCKET).
 */
export class PostgresFileStore implements FileStore {
  readonly kind = "postgres";
  constructor(private readonly db: Db) {}

  async put(key: string, bytes: Uint8Array, contentType: string) {
    checkKey(key);
    const data = {
      bytes: new Uint8Array(bytes),
      contentType,
      size: bytes.byteLength,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    };
    await this.db.storedFile.upsert({ where: { key }, create: { key, ...data }, update: data });
  }

  async get(key: string): Promise<StoredObject | null> {
    checkKey(key);
    const row = await this.db.storedFile.findUnique({
      where: { key },
      select: { bytes: true, contentType: true, size: true },
    });
    return row && { bytes: row.bytes, contentType: row.contentType, size: row.size };
  }

  async delete(key: string) {
    checkKey(key);
    await this.db.storedFile.deleteMany({ where: { key } });
  }
}
