import "server-only";
import { requireRole } from "../auth/roles";
import { recordAudit } from "../admin/audit";
import type { Db } from "../db/client";
import { afterCursor, cursorPage } from "../db/pagination";
import { ConflictError, NotFoundError } from "../errors";
import { ingestKnowledgeDocument } from "../jobs/ingest-knowledge-document";
import { enqueue } from "../jobs/queue";
import { type LiveOptions, streamLive } from "../realtime/live";
import type { UserCtx } from "../users/users.service";
import {
  HELP_CENTRE_ORIGIN,
  PASSAGE_WINDOW,
  PASSAGES_BEFORE,
  STALE_INDEXING_MS,
  type ListKnowledgeDocumentsInput,
  type PublishedDocumentInput,
} from "./knowledge.schemas";
import { announceDocument } from "./ingestion.service";
import { removeUploadIfUnused } from "./storage";

/** What the back office shows of a document (never its text or where it is stored). */
export const knowledgeDocumentSelect = {
  id: true,
  title: true,
  origin: true,
  mimeType: true,
  sizeBytes: true,
  status: true,
  progress: true,
  stage: true,
  error: true,
  chunkCount: true,
  indexedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

const documentNotFound = () =>
  new NotFoundError("DOCUMENT_NOT_FOUND", "This document no longer exists; reload the list.");

/**
 * The back office's document list, newest first, with each one's indexing progress and what may
 * be done with it: re-index when finished (or its indexing is lost), delete unless built in.
 */
export async function listKnowledgeDocuments(ctx: UserCtx, input: ListKnowledgeDocumentsInput) {
  requireRole(ctx.user, "STAFF");
  const rows = await ctx.db.knowledgeDocument.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...afterCursor(input),
    select: knowledgeDocumentSelect,
  });
  const staleBefore = Date.now() - STALE_INDEXING_MS;
  const page = cursorPage(rows, input);
  return {
    ...page,
    items: page.items.map((document) => ({
      ...document,
      canReindex:
        document.status === "READY" || document.status === "FAILED" || document.updatedAt.getTime() < staleBefore,
      canDelete: document.origin !== HELP_CENTRE_ORIGIN,
    })),
  };
}

/** Every document's indexing as it moves on (non-durable: a reconnecting page refetches). */
export function watchKnowledgeDocuments(ctx: UserCtx, live: LiveOptions) {
  requireRole(ctx.user, "STAFF");
  return streamLive([{ topic: "knowledge.document", key: "" }], { ...live, db: ctx.db });
}

/** Queues a document for indexing again (e.g. after a failure or a new embedding model), audited. */
export async function reindexKnowledgeDocument(ctx: UserCtx, documentId: string) {
  requireRole(ctx.user, "STAFF");
  const staleBefore = new Date(Date.now() - STALE_INDEXING_MS);
  const queued = await ctx.db.$transaction(async (tx) => {
    const document = await tx.knowledgeDocument.findUnique({
      where: { id: documentId },
      select: { status: true, updatedAt: true },
    });
    if (!document) throw documentNotFound();
    const { count } = await tx.knowledgeDocument.updateMany({
      where: {
        id: documentId,
        OR: [{ status: { in: ["READY", "FAILED"] } }, { updatedAt: { lt: staleBefore } }],
      },
      data: { status: "PENDING", progress: 0, stage: null, error: null },
    });
    if (!count)
      throw new ConflictError(
        "INDEXING_IN_PROGRESS",
        "This document is already queued or being indexed; wait for it to finish.",
        { documentId, status: document.status },
      );
    await recordAudit(tx, ctx, [
      {
        action: "knowledge.reindex",
        entity: "KnowledgeDocument",
        entityId: documentId,
        before: { status: document.status },
        after: { status: "PENDING" },
      },
    ]);
    await enqueue(ingestKnowledgeDocument, { documentId }, { tx });
    return tx.knowledgeDocument.findUniqueOrThrow({ where: { id: documentId }, select: knowledgeDocumentSelect });
  });
  await announceDocument(ctx, documentId, "PENDING");
  return queued;
}

/**
 * Deletes an uploaded document: its chunks go with it (cascade), then its stored file. Help-centre
 * documents are refused: they come from server/knowledge/corpus and would return on the next start.
 */
export async function deleteKnowledgeDocument(ctx: UserCtx, documentId: string) {
  requireRole(ctx.user, "STAFF");
  const deleted = await ctx.db.$transaction(async (tx) => {
    const document = await tx.knowledgeDocument.findUnique({
      where: { id: documentId },
      select: {
        id: true,
        title: true,
        origin: true,
        mimeType: true,
        sha256: true,
        storageKey: true,
        chunkCount: true,
      },
    });
    if (!document) throw documentNotFound();
    if (document.origin === HELP_CENTRE_ORIGIN)
      throw new ConflictError(
        "HELP_CENTRE_DOCUMENT",
        "Help-centre articles come from the shop's source (server/knowledge/corpus) and return on the next start; change them there.",
        { documentId },
      );
    await tx.knowledgeDocument.delete({ where: { id: documentId } });
    const { storageKey: _storageKey, ...before } = document;
    await recordAudit(tx, ctx, [
      { action: "knowledge.delete", entity: "KnowledgeDocument", entityId: documentId, before },
    ]);
    return document;
  });
  await removeUploadIfUnused(ctx, deleted.storageKey);
  await announceDocument(ctx, documentId, "DELETED");
  ctx.log.info({ documentId, chunks: deleted.chunkCount }, "knowledge document deleted");
  return { documentId };
}

/**
 * An indexed document with a window of its passages, in order, for the public viewer citations
 * link to: PASSAGE_WINDOW of them from a little before `position` (or from the start), so a
 * 20,000-passage upload opens at the cited one; `passageCount` lets the page offer the rest. Also
 * while it is being re-indexed: its old passages are what the assistant still cites until then.
 */
export async function getPublishedDocument(ctx: { db: Db }, input: PublishedDocumentInput) {
  const document = await ctx.db.knowledgeDocument.findFirst({
    where: { id: input.documentId, chunkCount: { gt: 0 } },
    select: {
      id: true,
      title: true,
      origin: true,
      mimeType: true,
      indexedAt: true,
      updatedAt: true,
      _count: { select: { chunks: true } },
    },
  });
  if (!document)
    throw new NotFoundError("DOCUMENT_NOT_FOUND", "We could not find this document; it may have been removed.");
  const { _count, ...rest } = document;
  const passageCount = _count.chunks;
  // Positions run 0..count-1 (chunking numbers them): a range on the unique index, not an OFFSET.
  const from = input.position === undefined ? 0 : input.position - PASSAGES_BEFORE;
  const windowStart = Math.max(0, Math.min(from, passageCount - PASSAGE_WINDOW));
  const chunks = await ctx.db.knowledgeChunk.findMany({
    where: { documentId: document.id, position: { gte: windowStart, lt: windowStart + PASSAGE_WINDOW } },
    orderBy: { position: "asc" },
    select: { position: true, heading: true, text: true },
  });
  return { ...rest, passageCount, windowStart, chunks };
}

/** Indexed documents for the help index: the help centre first, then uploads, each by title. */
export async function listPublishedDocuments(ctx: { db: Db }) {
  return ctx.db.knowledgeDocument.findMany({
    where: { chunkCount: { gt: 0 } },
    orderBy: [{ origin: "asc" }, { title: "asc" }, { id: "asc" }],
    take: 500,
    select: { id: true, title: true, origin: true, mimeType: true, chunkCount: true, indexedAt: true },
  });
}
