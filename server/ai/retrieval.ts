import "server-only";
import { embed } from "ai";
import type { Db } from "../db/client";
import { availabilityOf } from "../catalog/availability";
import { passageHref } from "../knowledge/knowledge.schemas";
import { correctSpelling, corpusStats } from "./corpus-stats";
import { tokenize } from "./local/lexical-embedding";
import { analyseQuestions, followUpQuery, type Concept } from "./local/terms";
import { rankByTerms, weighByRarity } from "./term-ranking";
import { embeddingModel, LOCAL_EMBEDDING_MODEL } from "./providers";
import { ensureVectorIndex, vectorSearchFor } from "./vector-search-setup";

/**
 * Hybrid retrieval over the knowledge base and the catalog (ADR 011, ADR 017), fused by
 * reciprocal rank fusion (each list contributes weight / (K + rank)), which needs no score
 * calibration between lists:
 * - knowledge chunks holding the question's words (PostgreSQL full text over the words, corrected
 *   and with synonyms, local/terms.ts), re-ranked by BM25 over the question's concepts weighted by
 *   their rarity in the knowledge base (corpus-stats.ts);
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

// Small: the ranks at the top decide (hit@1); 60, the usual, let agreement between two lists
// outvote a clear first place in one.
const RRF_K = 10;
// A chunk can be found by two lists (words and embedding), a product by one: without the weight
// a product's best score (1/(K+1)) would trail every chunk both lists found, even when the question
// names the product. The name-coverage gate is what keeps this from crowding out help passages.
const PRODUCT_WEIGHT = 2;
// The term ranking reads the question's words, corrected, with synonyms and rarity; the lexical
// embedding mostly adds typo tolerance. The term ranking leads.
const TERMS_WEIGHT = 2;
const LEXICAL_EMBEDDING_WEIGHT = 0.5;

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

/** A turn's passages, and the question's concepts weighted by rarity (for the local answerer). */
export interface Retrieval {
  passages: RetrievedPassage[];
  /** What the question asks about, each weighted by its importance and its rarity. */
  concepts: Concept[];
}

/**
 * Passages for the latest of `questions` (a follow-up brings the one before along), best first:
 * candidates by full-text search (the question's words, corrected and with synonyms) and by
 * embedding, re-ranked by BM25 over their text (rarity from corpus-stats.ts), fused with the
 * embedding ranking and the products named.
 */
export async function retrieveForQuestions(
  ctx: { db: Db },
  questions: readonly string[],
  options: { limit?: number; candidates?: number } = {},
): Promise<Retrieval> {
  const limit = options.limit ?? 5;
  const candidates = options.candidates ?? 40;
  const query = followUpQuery(questions);
  const stats = await corpusStats(ctx.db);
  const analysed = analyseQuestions(questions, {
    known: (word) => stats.words.has(word),
    correct: (word) => correctSpelling(stats, word),
  });
  const concepts = weighByRarity(stats, analysed.concepts);
  const searchWords = analysed.words.filter((w) => /^[\p{L}\p{N}]+$/u.test(w)).slice(0, 24);
  const nameWords = [...new Set(tokenize(query))].slice(0, 12);
  const { id: modelId, model } = embeddingModel();
  // The local embedding is lexical: it matches the words that matter best, without "how long
  // does … take". A hosted model's embedding understands the question as asked.
  const lexical = modelId === LOCAL_EMBEDDING_MODEL;
  const value = lexical ? analysed.words.join(" ") || query : query;
  const [{ embedding }, search] = await Promise.all([embed({ model, value }), vectorSearchFor(ctx.db)]);
  requestVectorIndex(ctx.db, modelId, embedding.length);
  const [byText, bySimilarity, products] = await Promise.all([
    searchWords.length ? chunksByText(ctx.db, searchWords, candidates) : [],
    search.nearest({ modelId, embedding, limit: candidates }),
    nameWords.length ? productsByName(ctx.db, nameWords, Math.max(1, Math.floor(limit / 2))) : [],
  ]);
  const chunkIds = [...new Set([...byText, ...bySimilarity].map((r) => r.id))];
  const documents = await documentPassages(ctx.db, chunkIds);
  const byTerms = rankByTerms(
    documents,
    concepts.filter((c) => !c.number),
  );
  const fused = [
    ...reciprocalRankFusion(
      [
        byTerms.map((p) => chunkKey(p.chunkId)),
        bySimilarity.map((r) => chunkKey(r.id)),
        products.map((p) => productKey(p.id)),
      ],
      RRF_K,
      [TERMS_WEIGHT, lexical ? LEXICAL_EMBEDDING_WEIGHT : 1, PRODUCT_WEIGHT],
    ),
  ]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit);
  const passages = new Map<string, Unscored<RetrievedPassage>>([
    ...documents.map((p) => [chunkKey(p.chunkId), p] as const),
    ...products.map((p) => [productKey(p.id), productPassage(p)] as const),
  ]);
  return {
    passages: fused.flatMap(([key, score]): RetrievedPassage[] => {
      const passage = passages.get(key);
      return passage ? [{ ...passage, score }] : [];
    }),
    concepts,
  };
}

/** Passages for one question. */
export async function retrieve(
  ctx: { db: Db },
  query: string,
  options: { limit?: number; candidates?: number } = {},
): Promise<RetrievedPassage[]> {
  return (await retrieveForQuestions(ctx, [query], options)).passages;
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

/** "in stock", "in stock (only 2 left)", "out of stock": the words shoppers ask with. */
const stockSentence = (stock: number) => {
  const availability = availabilityOf(stock);
  return stock > 0 && availability !== "in stock" ? `in stock (${availability})` : availability;
};

function productPassage(p: ProductRow): Unscored<ProductPassage> {
  return {
    kind: "product",
    productId: p.id,
    slug: p.slug,
    href: `/products/${p.slug}`,
    title: p.name,
    heading: p.name,
    // The first line is the product's answer to "how much?" and "is it in stock?" (live values).
    text: `${p.name} costs $${p.price} and is ${stockSentence(p.stock)}.\n\n${p.description}\n\nCategory: ${p.category}.`,
  };
}
