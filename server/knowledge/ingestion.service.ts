import "server-only";
import { embedMany } from "ai";
import { embeddingModel } from "../ai/providers";
import { ensureVectorIndex } from "../ai/vector-search-setup";
import type { Db } from "../db/client";
import type { Logger } from "../observability/logger";
import { raiseLive } from "../realtime/live";
import { requireStoredFile } from "../storage/file-store";
import { replaceChunks } from "./chunk-store";
import { chunkBlocks } from "./chunking";
import { parseDocument } from "./parsers";

export interface KnowledgeCtx {
  db: Db;
  log: Logger;
}

const EMBED_BATCH = 32;

/** The back office's knowledge page hears each change at once (live topic knowledge.document). */
export const announceDocument = (ctx: { db: Db }, documentId: string, status: string, progress = 0) =>
  raiseLive("knowledge.document", "", { documentId, status, progress: Math.round(progress) }, ctx.db);

/**
 * Parses, chunks, embeds and indexes one document, reporting stage and percentage on the
 * document row as it goes (and live to the back office). Idempotent: it replaces the document's
 * chunks in one transaction, so a retry or a re-index never leaves duplicates or half an index.
 */
export async function ingestDocument(ctx: KnowledgeCtx, documentId: string) {
  const doc = await ctx.db.knowledgeDocument.findUnique({ where: { id: documentId } });
  if (!doc) return ctx.log.info({ documentId }, "ingestion skipped: document deleted");
  const announce = (status: string, progress: number) => announceDocument(ctx, documentId, status, progress);
  const report = async (stage: string, progress: number) => {
    await ctx.db.knowledgeDocument.update({
      where: { id: documentId },
      data: { status: "INDEXING", stage, progress: Math.round(progress), error: null },
    });
    await announce("INDEXING", progress);
  };
  const started = performance.now();
  try {
    await report("parsing", 5);
    const source = doc.content ?? (await requireStoredFile(doc.storageKey!)).bytes;
    const chunks = chunkBlocks(await parseDocument(source, doc.mimeType, doc.title));
    await report("embedding", 15);
    const { id: modelId, model } = embeddingModel();
    const embeddings: number[][] = [];
    for (let start = 0; start < chunks.length; start += EMBED_BATCH) {
      const batch = chunks.slice(start, start + EMBED_BATCH);
      const result = await embedMany({ model, values: batch.map((c) => `${c.heading}\n${c.text}`) });
      embeddings.push(...result.embeddings);
      await report("embedding", 15 + (75 * embeddings.length) / chunks.length);
    }
    await report("indexing", 92);
    await replaceChunks(ctx.db, { id: documentId, modelId }, chunks, embeddings);
    await announce("READY", 100);
    await ensureVectorIndex(ctx.db, modelId, embeddings[0]?.length ?? 0, ctx.log);
    ctx.log.info(
      { documentId, chunks: chunks.length, durationMs: Math.round(performance.now() - started) },
      "document indexed",
    );
  } catch (error) {
    const marked = await ctx.db.knowledgeDocument.updateMany({
      where: { id: documentId },
      data: { status: "FAILED", stage: null, error: (error as Error).message.slice(0, 500) },
    });
    // Deleted while it was being indexed: nothing left to index, so no retry either.
    if (!marked.count) return ctx.log.info({ documentId }, "ingestion stopped: document deleted");
    await announce("FAILED", 0);
    throw error;
  }
}
