import "server-only";
import { requireRole } from "../auth/roles";
import { createHash } from "node:crypto";
import { recordAudit } from "../admin/audit";
import type { Db, Prisma } from "../db/client";
import { ConflictError, ValidationError } from "../errors";
import { ingestKnowledgeDocument } from "../jobs/ingest-knowledge-document";
import { enqueue } from "../jobs/queue";
import type { UserCtx } from "../users/users.service";
import { htmlTitle } from "./html-blocks";
import { announceDocument } from "./ingestion.service";
import { knowledgeDocumentSelect } from "./knowledge.service";
import { KNOWLEDGE_TYPES, UPLOAD_ORIGIN, uploadFileNameInput, type KnowledgeMimeType } from "./knowledge.schemas";
import { checkUploadSize, sniffKnowledgeType } from "./sniff";
import { removeUploadIfUnused, storeUpload, uploadKey } from "./storage";

export interface UploadedFile {
  /** The name the browser sent; only a hint (title, Markdown vs plain text). */
  name: string;
  bytes: Uint8Array;
}

const MAX_TITLE = 200;

/** The file name without folders or extension, as a fallback title. */
function nameStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  return base.replace(/\.[a-z0-9]+$/i, "").trim();
}

/** A Markdown file's first "# " heading, an HTML page's title or h1, else the file's name. */
function titleOf(mimeType: KnowledgeMimeType, text: string | null, fileName: string): string {
  const fromContent =
    text === null
      ? null
      : mimeType === "text/markdown"
        ? (/^#\s+(.+?)\s*#*$/m.exec(text)?.[1] ?? null)
        : mimeType === "text/html"
          ? htmlTitle(text)
          : null;
  const title = (fromContent ?? nameStem(fileName)).replace(/\s+/g, " ").trim() || "Untitled document";
  return title.slice(0, MAX_TITLE);
}

/** Identical content is one document: a second upload names the first instead of indexing it twice. */
async function refuseDuplicate(db: Db | Prisma.TransactionClient, sha256: string) {
  const existing = await db.knowledgeDocument.findFirst({ where: { sha256 }, select: { id: true, title: true } });
  if (existing)
    throw new ConflictError("DOCUMENT_EXISTS", `This file is already in the knowledge base as “${existing.title}”.`, {
      field: "file",
      documentId: existing.id,
      title: existing.title,
    });
}

/**
 * Adds an uploaded file to the knowledge base: checks size and type by content, puts the file in
 * the shared file store, then creates the document, its audit entry and its indexing job in one
 * transaction. The file is written first and removed again if the transaction fails, so no row
 * ever points at a missing file.
 */
export async function uploadKnowledgeDocument(ctx: UserCtx, file: UploadedFile) {
  requireRole(ctx.user, "STAFF");
  const fileName = uploadFileNameInput.safeParse(file.name);
  if (!fileName.success)
    throw new ValidationError("FILE_NAME_INVALID", `The file's name: ${fileName.error.issues[0]!.message}`, "file");
  checkUploadSize(file.bytes.byteLength);
  const { mimeType, text } = await sniffKnowledgeType(file.bytes, file.name);
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  await refuseDuplicate(ctx.db, sha256);
  const title = titleOf(mimeType, text, file.name);
  const storageKey = await storeUpload(file.bytes, uploadKey(sha256, KNOWLEDGE_TYPES[mimeType].extension), mimeType);
  try {
    const document = await ctx.db.$transaction(async (tx) => {
      // Two uploads of the same file at once: the second waits here, then finds the first.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`knowledge:${sha256}`}))`;
      await refuseDuplicate(tx, sha256);
      const created = await tx.knowledgeDocument.create({
        data: {
          title,
          origin: UPLOAD_ORIGIN,
          mimeType,
          storageKey,
          sizeBytes: file.bytes.byteLength,
          sha256,
          uploadedById: ctx.user.id,
        },
        select: knowledgeDocumentSelect,
      });
      await recordAudit(tx, ctx, [
        {
          action: "knowledge.upload",
          entity: "KnowledgeDocument",
          entityId: created.id,
          after: { title, fileName: file.name, mimeType, sizeBytes: created.sizeBytes, sha256 },
        },
      ]);
      await enqueue(ingestKnowledgeDocument, { documentId: created.id }, { tx });
      return created;
    });
    await announceDocument(ctx, document.id, "PENDING");
    ctx.log.info({ documentId: document.id, mimeType, sizeBytes: document.sizeBytes }, "knowledge document uploaded");
    return document;
  } catch (error) {
    await removeUploadIfUnused(ctx, storageKey);
    throw error;
  }
}
