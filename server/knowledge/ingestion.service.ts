import "server-only";
import { embedMany } from "ai";
import { embeddingModel } from "../ai/providers";
import { ensureVectorIndex } from "../ai/vector-search-setup";
import type { Db } from "../db/client";
import type { Logger } from "../observability/logger";
import { requireStoredFile } from "../storage/file-store";
import { replaceChunks } from "./chunk-store";
import { chunkBlocks } from "./chunking";
import { parseDocument } from "./parsers";

export interface KnowledgeCtx {
  db: Db;
  log: Logger;
}

const EMBED_BATCH = 32;

/**
 * Parses, chunks, embeds and indexes one document, reporting stage and percentage on the
 * document row as it goes (the back office polls it). Idempotent: it replaces the document's
 * chunks in one transaction, so a retry or a re-index never leaves duplicates or half an index.
 */
export async function ingestDocument(ctx: KnowledgeCtx, documentId: string) {
  const doc = await ctx.db.knowledgeDocument.findUnique({ where: { id: documentId } });
  if (!doc) return ctx.log.info({ documentId }, "ingestion skipped: document deleted");
  const report = (stage: string, progress: number) =>
    ctx.db.knowledgeDocument.update({
      where: { id: documentId },
      data: { status: "INDEXING", stage, progress: Math.round(progress), error: null },
    });
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
    throw error;
  }
}
