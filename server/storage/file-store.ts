import "server-only";
import { db } from "../db/client";
import { getEnv, type Env } from "../env";
import { PostgresFileStore } from "./postgres-file-store";
import { S3FileStore } from "./s3-file-store";

/** A stored file as a store returns it. */
export interface StoredObject {
  bytes: Uint8Array;
  contentType: string;
  size: number;
}

/**
 * Where uploaded bytes live, shared by every web instance and worker: PostgreSQL by default, an
 * S3-compatible bucket when S3_BUCKET is set. Keys are the caller's (content-addressed names, so
 * a put of an existing key writes the same bytes again); `delete` of a missing key is no error.
 */
export interface FileStore {
  readonly kind: "postgres" | "s3";
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The file, or null when no file has this key. */
  get(key: string): Promise<StoredObject | null>;
  delete(key: string): Promise<void>;
}

/** The store the settings name (S3_BUCKET set: S3, else PostgreSQL). */
export function fileStoreFor(env: Env): FileStore {
  if (!env.S3_BUCKET) return new PostgresFileStore(db);
  return new S3FileStore({
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    endpoint: env.S3_ENDPOINT,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    credentials:
      env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
        : undefined,
  });
}

let current: { env: Env; store: FileStore } | undefined;

/** The process's store, made on first use and again when the settings were reloaded. */
export function getFileStore(): FileStore {
  const env = getEnv();
  if (current?.env !== env) current = { env, store: fileStoreFor(env) };
  return current.store;
}

/** The file under `key`, or throws naming the key: a row pointing at nothing is a bug or data loss. */
export async function requireStoredFile(key: string): Promise<StoredObject> {
  const file = await getFileStore().get(key);
  if (!file) throw new Error(`stored file ${key} is missing from the ${getFileStore().kind} file store`);
  return file;
}
