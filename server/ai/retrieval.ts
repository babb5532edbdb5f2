import "server-only";
import { embed } from "ai";
import type { Db } from "../db/client";
import { tokenize } from "./local/lexical-embedding";
import { embeddingModel } from "./providers";

/**
 * Hybrid retrieval over the knowledge base: PostgreSQL full-text rank and embedding similarity,
 * fused by reciprocal rank fusion (each list contributes 1 / (K + rank)), which needs no score
 * calibration between the two. Similarity here is an exact cosine search in the database
 * (embeddings are L2-normalised, so it is a dot product).
 */

export interface RetrievedPassage {
  chunkId: string;
  documentId: string;
  title: string;
  heading: string;
  text: string;
  position: number;
  score: number;
}

const RRF_K = 60;

/** "how long is shipping?" → "long:* | shipping:*" (letters and digits only reach PostgreSQL). */
function anyWordQuery(query: string): string | null {
  const words = [...new Set(tokenize(query))].slice(0, 12);
  return words.length ? words.map((w) => `${w}:*`).join(" | ") : null;
}

export function reciprocalRankFusion(lists: readonly (readonly string[])[], k = RRF_K): Map<string, number> {
  const scores = new Map<string, number>();
  for (const list of lists) list.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + rank + 1)));
  return scores;
}

export async function retrieve(
  ctx: { db: Db },
  query: string,
  options: { limit?: number; candidates?: number } = {},
): Promise<RetrievedPassage[]> {
  const limit = options.limit ?? 5;
  const candidates = options.candidates ?? 30;
  const tsQuery = anyWordQuery(query);
  const { id: modelId, model } = embeddingModel();
  const { embedding } = await embed({ model, value: query });
  const [byText, bySimilarity] = await Promise.all([
    tsQuery
      ? ctx.db.$queryRaw<{ id: string }[]>`
          SELECT id FROM "KnowledgeChunk" WHERE "searchVector" @@ to_tsquery('english', ${tsQuery})
          ORDER BY ts_rank_cd("searchVector", to_tsquery('english', ${tsQuery})) DESC, id LIMIT ${candidates}`
      : Promise.resolve([]),
    ctx.db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "KnowledgeChunk" WHERE "embeddingModel" = ${modelId}
      ORDER BY (SELECT sum(a * b) FROM unnest(embedding, ${embedding}::float8[]) AS v(a, b)) DESC, id
      LIMIT ${candidates}`,
  ]);
  const fused = [...reciprocalRankFusion([byText.map((r) => r.id), bySimilarity.map((r) => r.id)])]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit);
  if (!fused.length) return [];
  const rows = await ctx.db.knowledgeChunk.findMany({
    where: { id: { in: fused.map(([id]) => id) } },
    select: {
      id: true,
      documentId: true,
      heading: true,
      text: true,
      position: true,
      document: { select: { title: true } },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return fused.flatMap(([id, score]) => {
    const row = byId.get(id);
    return row
      ? [
          {
            chunkId: id,
            documentId: row.documentId,
            title: row.document.title,
            heading: row.heading,
            text: row.text,
            position: row.position,
            score,
          },
        ]
      : [];
  });
}
