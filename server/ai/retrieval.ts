import "server-only";
import { embed } from "ai";
import type { Db } from "../db/client";
import { passageHref } from "../knowledge/knowledge.schemas";
import { tokenize } from "./local/lexical-embedding";
import { embeddingModel } from "./providers";
import { ensureVectorIndex, vectorSearchFor } from "./vector-search-setup";

/**
 * Hybrid retrieval over the knowledge base and the catalog (ADR 011), fused by reciprocal rank
 * fusion (each list contributes weight / (K + rank)), which needs no score calibration between
 * lists:
 * - knowledge chunks by PostgreSQL full-text rank;
 * - knowledge chunks by embedding similarity (pgvector HNSW, or an exact in-database cosine);
 * - active products whose name covers at least half of the question's words, by full-text rank.
 */

interface PassageBase {
  /** Where a citation opens: the help page at the passage's anchor, or the product's page. */
  href: string;
  title: string;
  heading: string;
  text: string;
  score: number;
}

export interface DocumentPassage extends PassageBase {
  kind: "document";
  chunkId: string;
  documentId: string;
  position: number;
}

export interface ProductPassage extends PassageBase {
  kind: "product";
  productId: string;
  slug: string;
}

export type RetrievedPassage = DocumentPassage | ProductPassage;

const RRF_K = 60;
// A chunk can be found by two lists (words and embedding), a product by one: without the weight
// a product's best score (1/61) would trail every chunk both lists found, even when the question
// names the product. The name-coverage gate is what keeps this from crowding out help passages.
const PRODUCT_WEIGHT = 2;

/** "how long is shipping?" → "long:* | shipping:*" (letters and digits only reach PostgreSQL). */
function anyWordQuery(words: readonly string[]): string {
  return words.map((w) => `${w}:*`).join(" | ");
}

export function reciprocalRankFusion(
  lists: readonly (readonly string[])[],
  k = RRF_K,
  weights: readonly number[] = [],
): Map<string, number> {
  const scores = new Map<string, number>();
  lists.forEach((list, i) =>
    list.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + (weights[i] ?? 1) / (k + rank + 1))),
  );
  return scores;
}

export async function retrieve(
  ctx: { db: Db },
  query: string,
  options: { limit?: number; candidates?: number } = {},
): Promise<RetrievedPassage[]> {
  const limit = options.limit ?? 5;
  const candidates = options.candidates ?? 30;
  const words = [...new Set(tokenize(query))].slice(0, 12);
  const { id: modelId, model } = embeddingModel();
  const [{ embedding }, search] = await Promise.all([embed({ model, value: query }), vectorSearchFor(ctx.db)]);
  requestVectorIndex(ctx.db, modelId, embedding.length);
  const [byText, bySimilarity, products] = await Promise.all([
    words.length ? chunksByText(ctx.db, words, candidates) : [],
    search.nearest({ modelId, embedding, limit: candidates }),
    words.length ? productsByName(ctx.db, words, Math.max(1, Math.floor(limit / 2))) : [],
  ]);
  const fused = [
    ...reciprocalRankFusion(
      [
        byText.map((r) => chunkKey(r.id)),
        bySimilarity.map((r) => chunkKey(r.id)),
        products.map((p) => productKey(p.id)),
      ],
      RRF_K,
      [1, 1, PRODUCT_WEIGHT],
    ),
  ]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit);
  const keptChunkIds = fused.flatMap(([key]) => (key.startsWith(CHUNK) ? [key.slice(CHUNK.length)] : []));
  const passages = new Map<string, Unscored<RetrievedPassage>>([
    ...(await documentPassages(ctx.db, keptChunkIds)).map((p) => [chunkKey(p.chunkId), p] as const),
    ...products.map((p) => [productKey(p.id), productPassage(p)] as const),
  ]);
  return fused.flatMap(([key, score]): RetrievedPassage[] => {
    const passage = passages.get(key);
    return passage ? [{ ...passage, score }] : [];
  });
}

type Unscored<T> = T extends unknown ? Omit<T, "score"> : never;
const CHUNK = "chunk:";
const chunkKey = (id: string) => `${CHUNK}${id}`;
const productKey = (id: string) => `product:${id}`;

// Chunks written before pgvector was there (or before this version) have no index yet: build it
// in the background on the first query of each model, so no request waits for it.
const vectorIndexRequested = new Set<string>();
function requestVectorIndex(db: Db, modelId: string, dimensions: number) {
  const key = `${modelId}|${dimensions}`;
  if (vectorIndexRequested.has(key)) return;
  vectorIndexRequested.add(key);
  void ensureVectorIndex(db, modelId, dimensions);
}

function chunksByText(db: Db, words: readonly string[], candidates: number) {
  const tsQuery = anyWordQuery(words);
  return db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "KnowledgeChunk" WHERE "searchVector" @@ to_tsquery('english', ${tsQuery})
    ORDER BY ts_rank_cd("searchVector", to_tsquery('english', ${tsQuery})) DESC, id LIMIT ${candidates}`;
}

async function documentPassages(db: Db, chunkIds: string[]): Promise<Unscored<DocumentPassage>[]> {
  if (!chunkIds.length) return [];
  const rows = await db.knowledgeChunk.findMany({
    where: { id: { in: chunkIds } },
    select: {
      id: true,
      documentId: true,
      heading: true,
      text: true,
      position: true,
      document: { select: { title: true } },
    },
  });
  return rows.map((row) => ({
    kind: "document",
    chunkId: row.id,
    documentId: row.documentId,
    position: row.position,
    href: passageHref(row.documentId, row.position),
    title: row.document.title,
    heading: row.heading,
    text: row.text,
  }));
}

interface ProductRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  price: string;
  stock: number;
  category: string;
}

/**
 * Active products whose name contains at least half of the question's words, and two of them
 * unless the question is one word (stemmed words, no prefixes: "Gottlieb" must not match "got"),
 * best covered first, then by full-text rank over name and description. The gate keeps "my
 * jacket is too small, can I swap it?" or "are you open on weekends" (Open-Ear Earbuds) for the
 * help centre, while "is the Ridge Trail Jacket waterproof?" finds the jacket: a product has to be
 * named.
 */
function productsByName(db: Db, words: readonly string[], limit: number) {
  return db.$queryRaw<ProductRow[]>`
    WITH terms AS (
      SELECT lexeme || ':A' AS term FROM unnest(to_tsvector('english', ${words.join(" ")}))
    )
    SELECT p.id, p.slug, p.name, p.description, p.price::text AS price, p.stock, c.name AS category
    FROM "Product" p
    JOIN "Category" c ON c.id = p."categoryId"
    CROSS JOIN LATERAL (SELECT count(*) AS hits FROM terms WHERE p."searchVector" @@ terms.term::tsquery) AS name
    WHERE p.active
      AND p."searchVector" @@ (SELECT string_agg(term, ' | ')::tsquery FROM terms)
      AND name.hits >= least(2, (SELECT count(*) FROM terms))
      AND 2 * name.hits >= (SELECT count(*) FROM terms)
    ORDER BY name.hits DESC, ts_rank_cd(p."searchVector", to_tsquery('english', ${anyWordQuery(words)})) DESC, p.id
    LIMIT ${limit}`;
}

function productPassage(p: ProductRow): Unscored<ProductPassage> {
  const availability = p.stock > 0 ? "In stock" : "Out of stock";
  return {
    kind: "product",
    productId: p.id,
    slug: p.slug,
    href: `/products/${p.slug}`,
    title: p.name,
    heading: p.name,
    text: `${p.description}\nPrice: $${p.price}. ${availability}. Category: ${p.category}.`,
  };
}
