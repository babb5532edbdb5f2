import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Db } from "../db/client";
import type { Chunk } from "./chunking";

/**
 * Deterministic and in document order, as the cuids Prisma made were: retrieval breaks equal
 * scores by id, so the same index always answers the same way.
 */
const chunkId = (documentId: string, position: number) => `${documentId}-${String(position).padStart(6, "0")}`;

/** Rows per INSERT: small enough that serialising one batch never holds the event loop long. */
const INSERT_BATCH = 250;

/**
 * Replaces a document's chunks and marks it READY in one transaction, so readers see the old
 * index or the new one, never half of each. Rows go in batches as one JSON parameter each
 * (embeddings as array literals): Prisma's createMany of thousands of 512-number arrays held
 * the event loop for tens of seconds, and the worker shares its process with the web server.
 */
export async function replaceChunks(
  db: Db,
  document: { id: string; modelId: string },
  chunks: readonly Chunk[],
  embeddings: readonly number[][],
) {
  await db.$transaction(
    async (tx) => {
      await tx.knowledgeChunk.deleteMany({ where: { documentId: document.id } });
      for (let start = 0; start < chunks.length; start += INSERT_BATCH) {
        const rows = chunks.slice(start, start + INSERT_BATCH).map((chunk, i) => ({
          id: chunkId(document.id, chunk.position),
          position: chunk.position,
          heading: chunk.heading,
          text: chunk.text,
          embedding: `{${embeddings[start + i]!.join(",")}}`,
        }));
        await tx.$executeRaw`
          INSERT INTO "KnowledgeChunk" (id, "documentId", position, heading, text, embedding, "embeddingModel")
          SELECT r.id, ${document.id}, r.position, r.heading, r.text, r.embedding::float8[], ${document.modelId}
          FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id text, position int, heading text, text text, embedding text)`;
        await nextTurn(); // let requests in between batches
      }
      await tx.knowledgeDocument.update({
        where: { id: document.id },
        data: { status: "READY", stage: null, progress: 100, chunkCount: chunks.length, indexedAt: new Date() },
      });
    },
    // A document at the upload limit has ~20,000 chunks: far past the 5 s default.
    { maxWait: 10_000, timeout: 300_000 },
  );
}
