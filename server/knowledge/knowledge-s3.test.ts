import { GetObjectCommand, NoSuchKey, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { reloadEnv } from "../env";
import { getLogger } from "../observability/logger";
import { getFileStore } from "../storage/file-store";
import { createUser } from "../test/factories";
import { startS3Server } from "../test/s3-server";
import { ingestDocument } from "./ingestion.service";
import { deleteKnowledgeDocument } from "./knowledge.service";
import { uploadKnowledgeDocument } from "./upload";

let s3: Awaited<ReturnType<typeof startS3Server>>;
let client: S3Client;
const settings = ["S3_BUCKET", "S3_ENDPOINT", "S3_FORCE_PATH_STYLE", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"];
beforeAll(async () => {
  s3 = await startS3Server();
  Object.assign(process.env, {
    S3_BUCKET: s3.bucket,
    S3_ENDPOINT: s3.endpoint,
    S3_FORCE_PATH_STYLE: "true",
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
  });
  reloadEnv();
  client = new S3Client({
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
});
afterAll(async () => {
  for (const key of settings) delete process.env[key];
  reloadEnv();
  client?.destroy();
  await s3?.stop();
});

describe("knowledge uploads with S3_* set", () => {
  it("stores the original in the bucket, indexes it from there, and deletes it with the document", async () => {
    expect(getFileStore().kind).toBe("s3");
    const staff = await createUser({ role: "STAFF" });
    const ctx = { db, log: getLogger(), user: staff };
    const bytes = new TextEncoder().encode(`# Bucket guide\n\n## Storing\nKeep it dry (${Date.now()}).`);
    const document = await uploadKnowledgeDocument(ctx, { name: "bucket.md", bytes });
    const { storageKey } = await db.knowledgeDocument.findUniqueOrThrow({ where: { id: document.id } });

    const object = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: storageKey! }));
    expect(object.ContentType).toBe("text/markdown");
    expect(await object.Body!.transformToByteArray()).toEqual(bytes);
    expect(await db.storedFile.count()).toBe(0);

    await ingestDocument(ctx, document.id);
    expect(await db.knowledgeChunk.findMany({ where: { documentId: document.id }, select: { heading: true } })).toEqual(
      [{ heading: "Bucket guide › Storing" }],
    );

    await deleteKnowledgeDocument(ctx, document.id);
    await expect(client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: storageKey! }))).rejects.toBeInstanceOf(
      NoSuchKey,
    );
  });
});
