import "server-only";
import { Prisma } from "../db/client";
import { ValidationError } from "../errors";
import type { ListProductsInput, ProductSort } from "./catalog.schemas";

/**
 * The SQL of the public product list: filters, full-text search with typo tolerance, ordering
 * and keyset pagination. Kept apart from the service so the query reads as one piece.
 *
 * Search matches a product when its weighted document (name A, description B) matches every
 * word as a prefix, or when the query is trigram-similar to the name ("hedphones" finds
 * "Headphones"); both conditions use a GIN index.
 */

/** Trigram word-similarity a name needs to match a misspelt query (pg_trgm's default is 0.6). */
export const TYPO_THRESHOLD = 0.4;

/** "Trail runnin' shoes" → "trail:* & runnin:* & shoes:*" (only letters and digits survive). */
export function prefixTsQuery(q: string): string | null {
  const words =
    q
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 8) ?? [];
  return words.length ? words.map((w) => `${w}:*`).join(" & ") : null;
}

type CursorValue = string | number;
interface Cursor {
  v: CursorValue;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(raw: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString()) as Cursor;
    if (typeof parsed.id === "string" && (typeof parsed.v === "string" || typeof parsed.v === "number")) return parsed;
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError(
    "INVALID_CURSOR",
    "This page link is no longer valid; start from the first page.",
    "cursor",
  );
}

const ORDER: Record<ProductSort, { key: Prisma.Sql; direction: "ASC" | "DESC" }> = {
  relevance: { key: Prisma.sql`score`, direction: "DESC" },
  newest: { key: Prisma.sql`"createdAt"`, direction: "DESC" },
  "price-asc": { key: Prisma.sql`price`, direction: "ASC" },
  "price-desc": { key: Prisma.sql`price`, direction: "DESC" },
};

export function effectiveSort(input: Pick<ListProductsInput, "sort" | "q">): ProductSort {
  const searching = Boolean(input.q && prefixTsQuery(input.q));
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

export function productListQuery(input: ListProductsInput, sort: ProductSort): Prisma.Sql {
  const tsQuery = input.q ? prefixTsQuery(input.q) : null;
  const filters: Prisma.Sql[] = [Prisma.sql`p.active`];
  if (input.categorySlug) filters.push(Prisma.sql`c.slug = ${input.categorySlug}`);
  if (input.minPrice) filters.push(Prisma.sql`p.price >= ${input.minPrice}::numeric`);
  if (input.maxPrice) filters.push(Prisma.sql`p.price <= ${input.maxPrice}::numeric`);
  if (input.inStock) filters.push(Prisma.sql`p.stock > 0`);
  if (tsQuery)
    filters.push(Prisma.sql`(p."searchVector" @@ to_tsquery('english', ${tsQuery}) OR ${input.q} <% p.name)`);
  const score = tsQuery
    ? Prisma.sql`(ts_rank_cd(p."searchVector", to_tsquery('english', ${tsQuery}))::float8
        + word_similarity(${input.q}, p.name)::float8)`
    : Prisma.sql`0::float8`;
  const { key, direction } = ORDER[sort];
  const after = input.cursor ? cursorCondition(sort, decodeCursor(input.cursor)) : Prisma.sql`TRUE`;
  return Prisma.sql`
    WITH matches AS (
      SELECT p.id, p.slug, p.name, p.price, p.stock, p."imageUrl", p."createdAt",
             c.slug AS "categorySlug", c.name AS "categoryName", ${score} AS score
      FROM "Product" p JOIN "Category" c ON c.id = p."categoryId"
      WHERE ${Prisma.join(filters, " AND ")}
    )
    SELECT id, slug, name, price, stock, "imageUrl", "createdAt", "categorySlug", "categoryName", score
    FROM matches
    WHERE ${after}
    ORDER BY ${key} ${Prisma.raw(direction)}, id ASC
    LIMIT ${input.limit + 1}`;
}

export function cursorOf(row: ProductRow, sort: ProductSort): string {
  const v = sort === "newest" ? row.createdAt.toISOString() : sort === "relevance" ? row.score : row.price.toFixed(2);
  return encodeCursor({ v, id: row.id });
}
