import "server-only";
import { z } from "zod";
import { Prisma } from "../db/client";
import { ValidationError } from "../errors";
import { idInput, INVALID_CURSOR_MESSAGE, isTimeInRange, text } from "../inputs";
import type { ListProductsInput, ProductSort } from "./catalog.schemas";

/**
 * The SQL of the public product list: filters, full-text search with typo tolerance, ordering
 * and keyset pagination. Kept apart from the service so the query reads as one piece.
 *
 * Search runs in one of two modes, each served by its own GIN index:
 * - `words`: the weighted document (name A, description B) contains every query word as a
 *   prefix. Fast and precise; tried first.
 * - `similar`: only when no product matches the words, names trigram-similar to the query
 *   ("hedphones" finds "Headphones"). Combining both in one OR makes PostgreSQL scan the whole
 *   table (measured: 110 ms vs 2 ms on 10k products), hence the fallback.
 * See docs/decisions/031-uncached-search.md for what made it fast uncached.
 */

export type MatchMode = "words" | "similar";

/** Trigram word-similarity a name needs to match a misspelt query (pg_trgm's default is 0.6). */
export const TYPO_THRESHOLD = 0.4;

/**
 * Letters and digits a query needs for the typo fallback: below that, trigram similarity matches
 * most names ("s" is half-similar to every name with a word in s) and ranks all of them.
 */
export const TYPO_MIN_CHARACTERS = 3;

/**
 * Shortest word matched as a prefix: "b:*" or "ca:*" match most of the catalog (every product
 * then gets ranked) and say little, so one- and two-letter words match whole words ("usb c").
 */
export const PREFIX_MIN_CHARACTERS = 3;

/** "Trail runnin' usb c" → "trail:* & runnin:* & usb:* & c" (only letters and digits survive). */
export function prefixTsQuery(q: string): string | null {
  const words =
    q
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 8) ?? [];
  const term = (word: string) => ([...word].length >= PREFIX_MIN_CHARACTERS ? `${word}:*` : word);
  return words.length ? words.map(term).join(" & ") : null;
}

interface Cursor {
  /** The last row's sort value, its id, and the search mode of the first page. */
  v: string | number;
  id: string;
  m?: MatchMode;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/** What `cursorOf` writes for each sort; anything else was not issued by this list. */
const cursorValue: Record<ProductSort, z.ZodType<string | number>> = {
  relevance: z.number(),
  newest: z.iso.datetime().refine((value) => isTimeInRange(Date.parse(value))),
  "price-asc": text({ max: 11 }).regex(/^\d{1,8}\.\d{2}$/),
  "price-desc": text({ max: 11 }).regex(/^\d{1,8}\.\d{2}$/),
};

/** A cursor this list issued for `sort`, else a field error on `cursor` (never SQL on a forged value). */
export function decodeCursor(raw: string, sort: ProductSort): Cursor {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, "base64url").toString());
  } catch {
    // not ours: the validation error below
  }
  const cursor = z
    .strictObject({ v: cursorValue[sort], id: idInput, m: z.enum(["words", "similar"]).optional() })
    .safeParse(json);
  if (cursor.success) return cursor.data;
  throw new ValidationError("INVALID_CURSOR", INVALID_CURSOR_MESSAGE, "cursor");
}

const ORDER: Record<ProductSort, { key: Prisma.Sql; direction: "ASC" | "DESC" }> = {
  relevance: { key: Prisma.sql`score`, direction: "DESC" },
  newest: { key: Prisma.sql`"createdAt"`, direction: "DESC" },
  "price-asc": { key: Prisma.sql`price`, direction: "ASC" },
  "price-desc": { key: Prisma.sql`price`, direction: "DESC" },
};

export function searchQuery(input: Pick<ListProductsInput, "q">) {
  const tsQuery = input.q ? prefixTsQuery(input.q) : null;
  return tsQuery && input.q ? { text: input.q, tsQuery } : null;
}

export function effectiveSort(input: Pick<ListProductsInput, "sort" | "q">): ProductSort {
  const searching = searchQuery(input) !== null;
  if (!input.sort) return searching ? "relevance" : "newest";
  return input.sort === "relevance" && !searching ? "newest" : input.sort;
}

function cursorCondition(sort: ProductSort, cursor: Cursor): Prisma.Sql {
  const { key, direction } = ORDER[sort];
  const value =
    sort === "newest"
      ? Prisma.sql`${new Date(String(cursor.v))}::timestamp(3)`
      : sort === "relevance"
        ? Prisma.sql`${Number(cursor.v)}::float8`
        : Prisma.sql`${String(cursor.v)}::numeric`;
  // Ties break on id ascending, so pages never overlap or skip.
  return direction === "DESC"
    ? Prisma.sql`(${key} < ${value} OR (${key} = ${value} AND id > ${cursor.id}))`
    : Prisma.sql`(${key} > ${value} OR (${key} = ${value} AND id > ${cursor.id}))`;
}

export interface ProductRow {
  id: string;
  slug: string;
  name: string;
  price: Prisma.Decimal;
  stock: number;
  imageUrl: string | null;
  createdAt: Date;
  score: number;
  categorySlug: string;
  categoryName: string;
}

function matchAndScore(search: { text: string; tsQuery: string } | null, mode: MatchMode) {
  if (!search) return { match: Prisma.sql`TRUE`, score: Prisma.sql`0::float8` };
  return mode === "words"
    ? {
        match: Prisma.sql`p."searchVector" @@ to_tsquery('english', ${search.tsQuery})`,
        score: Prisma.sql`ts_rank_cd(p."searchVector", to_tsquery('english', ${search.tsQuery}))::float8`,
      }
    : {
        // `<%` reads its threshold from a setting. The uncorrelated subquery runs once, as a
        // one-time filter gating the scan, so the setting is in place before the trigram index
        // is read; `true` scopes it to this statement's own transaction. One statement instead
        // of a transaction around set_config (four round trips).
        match: Prisma.sql`(SELECT set_config('pg_trgm.word_similarity_threshold', ${String(TYPO_THRESHOLD)}, true)) IS NOT NULL
          AND ${search.text} <% p.name`,
        score: Prisma.sql`word_similarity(${search.text}, p.name)::float8`,
      };
}

/** Whether a query may fall back to names similar to it (see TYPO_MIN_CHARACTERS). */
export function typoTolerant(q: string): boolean {
  return (q.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= TYPO_MIN_CHARACTERS;
}

export function productListQuery(
  input: ListProductsInput,
  sort: ProductSort,
  mode: MatchMode,
  cursor: Cursor | null,
): Prisma.Sql {
  const search = matchAndScore(searchQuery(input), mode);
  const filters: Prisma.Sql[] = [Prisma.sql`p.active`, search.match];
  if (input.categorySlug)
    filters.push(Prisma.sql`p."categoryId" = (SELECT id FROM "Category" WHERE slug = ${input.categorySlug})`);
  if (input.minPrice) filters.push(Prisma.sql`p.price >= ${input.minPrice}::numeric`);
  if (input.maxPrice) filters.push(Prisma.sql`p.price <= ${input.maxPrice}::numeric`);
  if (input.inStock) filters.push(Prisma.sql`p.stock > 0`);
  const { key, direction } = ORDER[sort];
  const after = cursor ? cursorCondition(sort, cursor) : Prisma.sql`TRUE`;
  const order = Prisma.sql`ORDER BY ${key} ${Prisma.raw(direction)}, id ASC`;
  // The page is chosen on the product rows alone; its category is joined to those rows only.
  return Prisma.sql`
    WITH matches AS (
      SELECT p.id, p.slug, p.name, p.price, p.stock, p."imageUrl", p."createdAt", p."categoryId",
             ${search.score} AS score
      FROM "Product" p
      WHERE ${Prisma.join(filters, " AND ")}
    ), page AS (
      SELECT * FROM matches WHERE ${after} ${order} LIMIT ${input.limit + 1}
    )
    SELECT page.id, page.slug, page.name, page.price, page.stock, page."imageUrl", page."createdAt",
           c.slug AS "categorySlug", c.name AS "categoryName", page.score
    FROM page JOIN "Category" c ON c.id = page."categoryId"
    ${order}`;
}

export function cursorOf(row: ProductRow, sort: ProductSort, mode: MatchMode): string {
  const v = sort === "newest" ? row.createdAt.toISOString() : sort === "relevance" ? row.score : row.price.toFixed(2);
  return encodeCursor({ v, id: row.id, m: mode });
}
