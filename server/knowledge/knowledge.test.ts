import { existsSync } from "node:fs";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/roles";
import { db } from "../db/client";
import { getEnv } from "../env";
import { getLogger } from "../observability/logger";
import { getFileStore } from "../storage/file-store";
import { callerFor, createUser } from "../test/factories";
import { makePdf } from "./fixtures/make-pdf";
import { ingestDocument } from "./ingestion.service";
import { deleteKnowledgeDocument, listKnowledgeDocuments, reindexKnowledgeDocument } from "./knowledge.service";
import { uploadKnowledgeDocument } from "./upload";

let staff: SessionUser;
let customer: SessionUser;
beforeAll(async () => {
  staff = await createUser({ role: "STAFF", name: "Kim Staff" });
  customer = await createUser();
});

const ctxFor = (user: SessionUser) => ({ db, log: getLogger(), user });
let sequence = 0;
/** Markdown that no other test uploads (identical content is refused as a duplicate). */
const uniqueMarkdown = (title = "Care guide") =>
  new TextEncoder().encode(
    `# ${title}\n\n## Washing\nWash at 30 degrees (${Date.now()}-${sequence++}).\n\n## Drying\nDry flat in the shade.`,
  );
const upload = (bytes: Uint8Array, name = "care.md", user = staff) =>
  uploadKnowledgeDocument(ctxFor(user), { name, bytes });
const ingestJobs = (documentId: string) =>
  db.$queryRaw<{ name: string }[]>`
    SELECT name FROM pgboss.job WHERE name = 'knowledge.ingest' AND data->'payload'->>'documentId' = ${documentId}`;
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe("uploading a document", () => {
  it("stores the file by content hash and creates the row, its audit entry and its indexing job together", async () => {
    const bytes = uniqueMarkdown();
    const document = await upload(bytes);
    expect(document).toMatchObject({
      title: "Care guide",
      origin: "upload",
      mimeType: "text/markdown",
      sizeBytes: bytes.byteLength,
      status: "PENDING",
      progress: 0,
    });
    const row = await db.knowledgeDocument.findUniqueOrThrow({ where: { id: document.id } });
    expect(row.uploadedById).toBe(staff.id);
    // In the shared store (PostgreSQL here), where every instance and the worker read it; not on disk.
    expect(row.storageKey).toBe(`knowledge/${row.sha256}.md`);
    expect(await getFileStore().get(row.storageKey!)).toEqual({
      bytes: Uint8Array.from(bytes),
      contentType: "text/markdown",
      size: bytes.byteLength,
    });
    expect(await db.storedFile.findUnique({ where: { key: row.storageKey! } })).toMatchObject({ sha256: row.sha256 });
    expect(existsSync(path.resolve(getEnv().DATA_DIR, "uploads"))).toBe(false);
    expect(await ingestJobs(document.id)).toHaveLength(1);
    expect(await db.auditLog.findFirst({ where: { entityId: document.id } })).toMatchObject({
      actorId: staff.id,
      action: "knowledge.upload",
      after: expect.objectContaining({ fileName: "care.md", mimeType: "text/markdown" }),
    });
  });

  it("titles a PDF after its file name and indexes it page by page", async () => {
    const pdf = makePdf([["Returns are free within 30 days."], [`Refunds take five days (${Date.now()}).`]]);
    const document = await upload(pdf, "Returns policy.pdf");
    expect(document).toMatchObject({ title: "Returns policy", mimeType: "application/pdf" });
    await ingestDocument({ db, log: getLogger() }, document.id);
    const chunks = await db.knowledgeChunk.findMany({
      where: { documentId: document.id },
      orderBy: { position: "asc" },
    });
    expect(chunks.map((c) => c.heading)).toEqual(["Returns policy › Page 1", "Returns policy › Page 2"]);
  });

  it("refuses identical content, naming the document that has it, and writes nothing", async () => {
    const bytes = uniqueMarkdown("Duplicate me");
    const first = await upload(bytes, "first.md");
    const before = await db.knowledgeDocument.count();
    const error = await failure(upload(bytes, "second.txt"));
    expect(error).toMatchObject({
      code: "DOCUMENT_EXISTS",
      message: "This file is already in the knowledge base as “Duplicate me”.",
      context: { documentId: first.id, field: "file" },
    });
    expect(await db.knowledgeDocument.count()).toBe(before);
  });

  it("refuses a file name PostgreSQL cannot store (NUL, lone surrogate) on the file field", async () => {
    for (const name of ["care\u0000.md", "care\uD83D.md"]) {
      const error = await failure(upload(uniqueMarkdown("Bad name"), name));
      expect(error).toMatchObject({ code: "FILE_NAME_INVALID", field: "file" });
    }
    expect(await db.knowledgeDocument.count({ where: { title: "Bad name" } })).toBe(0);
  });

  it("leaves no file and no job behind when the transaction fails", async () => {
    const bytes = uniqueMarkdown("Orphan");
    // The audit entry names its actor: an account deleted mid-request makes the insert fail.
    const error = await failure(upload(bytes, "orphan.md", { ...staff, id: "deleted-account" }));
    expect(String(error)).toMatch(/foreign key/i);
    expect(await db.knowledgeDocument.count({ where: { title: "Orphan" } })).toBe(0);
    const { createHash } = await import("node:crypto");
    const sha = createHash("sha256").update(bytes).digest("hex");
    expect(await getFileStore().get(`knowledge/${sha}.md`)).toBeNull();
    expect(await db.storedFile.count({ where: { key: `knowledge/${sha}.md` } })).toBe(0);
  });

  it("rejects a PNG renamed .md before storing anything", async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const error = await failure(upload(png, "image.md"));
    expect(error).toMatchObject({ kind: "UNSUPPORTED_TYPE", message: /PNG image/ });
  });
});

describe("managing documents", () => {
  it("lists newest first with progress, a page at a time", async () => {
    const older = await upload(uniqueMarkdown("Older"), "older.md");
    const newer = await upload(uniqueMarkdown("Newer"), "newer.md");
    const first = await callerFor(staff).knowledge.list({ limit: 1 });
    expect(first.items.map((d) => d.id)).toEqual([newer.id]);
    expect(first.items[0]).toMatchObject({ status: "PENDING", progress: 0, chunkCount: 0, origin: "upload" });
    expect(first.items[0]).not.toHaveProperty("storageKey");
    const second = await callerFor(staff).knowledge.list({ limit: 1, cursor: first.nextCursor });
    expect(second.items.map((d) => d.id)).toEqual([older.id]);
  });

  it("re-indexes a finished document (audited, job queued) but not one still indexing", async () => {
    const document = await upload(uniqueMarkdown("Reindex me"), "reindex.md");
    const busy = await failure(callerFor(staff).knowledge.reindex({ documentId: document.id }));
    expect(busy).toMatchObject({ code: "CONFLICT", cause: { code: "INDEXING_IN_PROGRESS" } });

    await ingestDocument({ db, log: getLogger() }, document.id);
    const queued = await callerFor(staff).knowledge.reindex({ documentId: document.id });
    expect(queued).toMatchObject({ status: "PENDING", progress: 0, error: null });
    expect(await ingestJobs(document.id)).toHaveLength(2);
    expect(
      await db.auditLog.findFirst({ where: { entityId: document.id, action: "knowledge.reindex" } }),
    ).toMatchObject({ before: { status: "READY" }, after: { status: "PENDING" } });
  });

  it("deletes a document with its chunks and its file", async () => {
    const document = await upload(uniqueMarkdown("Delete me"), "delete.md");
    await ingestDocument({ db, log: getLogger() }, document.id);
    const { storageKey } = await db.knowledgeDocument.findUniqueOrThrow({ where: { id: document.id } });
    expect(await getFileStore().get(storageKey!)).not.toBeNull();
    expect(await db.knowledgeChunk.count({ where: { documentId: document.id } })).toBeGreaterThan(0);

    await callerFor(staff).knowledge.delete({ documentId: document.id });
    expect(await db.knowledgeDocument.count({ where: { id: document.id } })).toBe(0);
    expect(await db.knowledgeChunk.count({ where: { documentId: document.id } })).toBe(0);
    expect(await getFileStore().get(storageKey!)).toBeNull();
    expect(await db.auditLog.findFirst({ where: { entityId: document.id, action: "knowledge.delete" } })).toMatchObject(
      { before: expect.objectContaining({ title: "Delete me" }) },
    );
    const again = await failure(callerFor(staff).knowledge.delete({ documentId: document.id }));
    expect(again).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses to delete help-centre articles, which return on the next start", async () => {
    const article = await db.knowledgeDocument.create({
      data: {
        title: "Seeded",
        origin: "help-centre",
        mimeType: "text/markdown",
        content: "Hi",
        sizeBytes: 2,
        sha256: "x",
      },
    });
    const error = await failure(callerFor(staff).knowledge.delete({ documentId: article.id }));
    expect(error).toMatchObject({ code: "CONFLICT", cause: { code: "HELP_CENTRE_DOCUMENT" } });
    expect(await db.knowledgeDocument.count({ where: { id: article.id } })).toBe(1);
  });
});

describe("reading documents", () => {
  it("shows a ready document's passages in order to anyone, and nothing of one not ready", async () => {
    const document = await upload(uniqueMarkdown("Public guide"), "guide.md");
    const anonymous = callerFor(null).knowledge;
    expect(await failure(anonymous.document({ documentId: document.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await anonymous.documents()).map((d) => d.id)).not.toContain(document.id);

    await ingestDocument({ db, log: getLogger() }, document.id);
    const shown = await anonymous.document({ documentId: document.id });
    expect(shown).toMatchObject({ title: "Public guide", origin: "upload" });
    expect(shown.chunks.map((c) => [c.position, c.heading])).toEqual([
      [0, "Public guide › Washing"],
      [1, "Public guide › Drying"],
    ]);
    expect((await anonymous.documents()).map((d) => d.id)).toContain(document.id);
    expect(await failure(anonymous.document({ documentId: "no-such-document" }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("keeps list, re-index and delete for staff", async () => {
    const calls = (user: SessionUser | null) => [
      callerFor(user).knowledge.list({}),
      callerFor(user).knowledge.reindex({ documentId: "any" }),
      callerFor(user).knowledge.delete({ documentId: "any" }),
    ];
    for (const call of calls(null)) expect(((await failure(call)) as TRPCError).code).toBe("UNAUTHORIZED");
    for (const call of calls(customer)) expect(((await failure(call)) as TRPCError).code).toBe("FORBIDDEN");
    // The services check the role themselves too, whoever calls them.
    const ctx = { db, log: getLogger(), user: customer };
    for (const call of [
      listKnowledgeDocuments(ctx, { limit: 10 }),
      reindexKnowledgeDocument(ctx, "any"),
      deleteKnowledgeDocument(ctx, "any"),
      uploadKnowledgeDocument(ctx, { name: "a.md", bytes: new TextEncoder().encode("# A\n\nText here.") }),
    ])
      await expect(call).rejects.toMatchObject({ code: "ROLE_REQUIRED" });
  });

  it("keeps showing a document's passages while it is re-indexed", async () => {
    const document = await upload(uniqueMarkdown("Reindexed guide"), "reindexed.md");
    await ingestDocument({ db, log: getLogger() }, document.id);
    await db.knowledgeDocument.update({ where: { id: document.id }, data: { status: "INDEXING", progress: 40 } });
    const shown = await callerFor(null).knowledge.document({ documentId: document.id });
    expect(shown.chunks.length).toBeGreaterThan(0);
  });
});
