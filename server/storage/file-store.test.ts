import { createHash, randomBytes } from "node:crypto";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, db } from "../db/client";
import { getEnv, parseEnv } from "../env";
import { startS3Server } from "../test/s3-server";
import { fileStoreFor, type FileStore } from "./file-store";
import { PostgresFileStore } from "./postgres-file-store";
import { S3FileStore } from "./s3-file-store";

let s3: Awaited<ReturnType<typeof startS3Server>>;
// A second pool to the same database: what another web instance or the worker has.
const otherProcessDb = createPrismaClient(getEnv().DATABASE_URL!);
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.stop();
  await otherProcessDb.$disconnect();
});

const s3Settings = () => ({
  bucket: s3.bucket,
  region: "us-east-1",
  endpoint: s3.endpoint,
  forcePathStyle: true,
  credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
});
const key = () => `knowledge/${randomBytes(8).toString("hex")}.pdf`;
const bytesOf = (n: number) => Uint8Array.from(randomBytes(n));

/** The same contract, run against each implementation and a second instance of it (another process). */
const stores: [string, () => FileStore, () => FileStore][] = [
  ["PostgreSQL", () => new PostgresFileStore(db), () => new PostgresFileStore(otherProcessDb)],
  ["S3 (s3rver on loopback)", () => new S3FileStore(s3Settings()), () => new S3FileStore(s3Settings())],
];

describe.each(stores)("the %s file store", (_name, makeStore, makeOtherInstance) => {
  it("returns the bytes and type it was given, to another instance too", async () => {
    const store = makeStore();
    const other = makeOtherInstance();
    const k = key();
    // Every byte value and more than one network packet, so nothing is decoded as text or cut.
    const bytes = bytesOf(300_000);
    await store.put(k, bytes, "application/pdf");
    for (const reader of [store, other]) {
      const file = await reader.get(k);
      expect(file).toMatchObject({ contentType: "application/pdf", size: bytes.byteLength });
      expect(Buffer.from(file!.bytes).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it("overwrites a key, answers null for a missing one, and deletes idempotently", async () => {
    const store = makeStore();
    const k = key();
    await store.put(k, bytesOf(10), "text/plain");
    await store.put(k, Uint8Array.from([1, 2, 3]), "text/markdown");
    expect(await store.get(k)).toMatchObject({
      bytes: Uint8Array.from([1, 2, 3]),
      contentType: "text/markdown",
      size: 3,
    });
    await store.delete(k);
    expect(await store.get(k)).toBeNull();
    await store.delete(k);
    expect(await store.get(key())).toBeNull();
  });

  it("refuses keys that could escape its namespace or differ between stores", async () => {
    const store = makeStore();
    for (const bad of ["../etc/passwd", "/knowledge/a.md", "knowledge/../a.md", "Knowledge/A.md", "a//b", "", "a b"]) {
      await expect(store.put(bad, bytesOf(1), "text/plain")).rejects.toThrow(/not a valid storage key/);
      await expect(store.get(bad)).rejects.toThrow(/not a valid storage key/);
    }
  });
});

describe("choosing a store", () => {
  it("keeps files in PostgreSQL by default, with size and SHA-256 beside the bytes", async () => {
    const store = fileStoreFor(parseEnv({}));
    expect(store.kind).toBe("postgres");
    const k = key();
    const bytes = bytesOf(64);
    await store.put(k, bytes, "application/pdf");
    expect(await db.storedFile.findUnique({ where: { key: k } })).toMatchObject({
      size: 64,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      contentType: "application/pdf",
    });
  });

  it("uses the S3 bucket when S3_* is set, and the object is a real one in the bucket", async () => {
    const store = fileStoreFor(
      parseEnv({
        S3_BUCKET: s3.bucket,
        S3_ENDPOINT: s3.endpoint,
        S3_FORCE_PATH_STYLE: "true",
        S3_ACCESS_KEY_ID: "S3RVER",
        S3_SECRET_ACCESS_KEY: "S3RVER",
      }),
    );
    expect(store.kind).toBe("s3");
    const k = key();
    await store.put(k, Uint8Array.from([7, 7, 7]), "text/plain");
    const client = new S3Client({ ...s3Settings(), forcePathStyle: true });
    const object = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: k }));
    expect(Array.from(await object.Body!.transformToByteArray())).toEqual([7, 7, 7]);
    client.destroy();
    expect(await db.storedFile.count({ where: { key: k } })).toBe(0);
  });

  it("names the S3 settings that are set without what they need", () => {
    expect(() => parseEnv({ S3_ENDPOINT: "http://127.0.0.1:9000" })).toThrow(/S3_BUCKET must be set when S3_ENDPOINT/);
    expect(() => parseEnv({ S3_BUCKET: "b", S3_ACCESS_KEY_ID: "id" })).toThrow(
      /S3_SECRET_ACCESS_KEY must be set together with S3_ACCESS_KEY_ID/,
    );
  });
});
