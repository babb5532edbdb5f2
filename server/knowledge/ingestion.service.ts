import "server-only";
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { embedMany } from "ai";
import { embeddingModel } from "../ai/providers";
import { ensureVectorIndex } from "../ai/vector-search-setup";
import type { Db } from "../db/client";
import { getLogger, type Logger } from "../observability/logger";
import { requireStoredFile } from "../storage/file-store";
import { replaceChunks } from "./chunk-store";
import { chunkBlocks } from "./chunking";
import { HELP_CENTRE_ORIGIN, STALE_INDEXING_MS } from "./knowledge.schemas";
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

export const HELP_CENTRE_DIR = path.join(process.cwd(), "server/knowledge/corpus");

/**
 * The seeded help centre as documents, one per Markdown file, known by its file name (a title
 * may be edited); articles whose file is gone are removed with their passages. Returns the ids
 * whose text is new or changed (or whose indexing failed), which need indexing.
 */
export async function upsertHelpCentre(db: Db, dir = HELP_CENTRE_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".md")).sort();
  const changed: string[] = [];
  for (const file of files) {
    const content = await readFile(path.join(dir, file), "utf8");
    const sha256 = createHash("sha256").update(content).digest("hex");
    const title = /^#\s+(.+)$/m.exec(content)?.[1]?.trim() ?? file.replace(/\.md$/, "");
    const existing = await db.knowledgeDocument.findUnique({ where: { sourceKey: file } });
    // Unchanged and indexed, or queued recently: nothing to do. A failed one is tried again, and
    // so is one queued long ago (a start that stopped between saving it and queueing its job).
    const queuedLongAgo = existing && existing.updatedAt.getTime() < Date.now() - STALE_INDEXING_MS;
    if (
      existing?.sha256 === sha256 &&
      (existing.status === "READY" || (existing.status !== "FAILED" && !queuedLongAgo))
    )
      continue;
    const data = { title, origin: HELP_CENTRE_ORIGIN, mimeType: "text/markdown", content, sha256 };
    const doc = await db.knowledgeDocument.upsert({
      where: { sourceKey: file },
      create: { ...data, sourceKey: file, sizeBytes: Buffer.byteLength(content) },
      update: { ...data, sizeBytes: Buffer.byteLength(content), status: "PENDING", progress: 0 },
    });
    changed.push(doc.id);
  }
  const removed = await db.knowledgeDocument.deleteMany({
    where: { origin: HELP_CENTRE_ORIGIN, OR: [{ sourceKey: null }, { sourceKey: { notIn: files } }] },
  });
  if (removed.count) getLogger().info({ documents: removed.count }, "help-centre articles without a file removed");
  return changed;
}
