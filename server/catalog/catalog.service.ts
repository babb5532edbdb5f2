import "server-only";
import { cached } from "../cache";
import { Prisma, type Db } from "../db/client";
import { NotFoundError } from "../errors";
import { toMoney } from "../money";
import {
  catalogTags,
  type CategoryStats,
  type ListProductsInput,
  type PublicProduct,
  type PublicProductSummary,
} from "./catalog.schemas";
import {
  cursorOf,
  decodeCursor,
  effectiveSort,
  productListQuery,
  searchQuery,
  typoTolerant,
  type MatchMode,
  type ProductRow,
} from "./product-search";

export interface CatalogCtx {
  db: Db;
}

export { catalogTags };

/**
 * Public product list: filters, search, ordering and keyset pagination (see product-search.ts).
 * A search whose words match nothing is retried as a typo-tolerant one; `matchedBy` tells the
 * page which ("Showing names similar to …").
 */
export async function listProducts(ctx: CatalogCtx, input: ListProductsInput) {
  // Shoppers repeat the same searches and filters: results are cached until a product changes.
  const key = `products:${JSON.stringify(input)}`;
  return cached(key, [catalogTags.all, catalogTags.listings], () => queryProducts(ctx, input));
}

async function queryProducts(ctx: CatalogCtx, input: ListProductsInput) {
  const sort = effectiveSort(input);
  const cursor = input.cursor ? decodeCursor(input.cursor, sort) : null;
  const run = (mode: MatchMode) => ctx.db.$queryRaw<ProductRow[]>(productListQuery(input, sort, mode, cursor));
  let mode: MatchMode = cursor?.m ?? "words";
  let rows = await run(mode);
  const search = searchQuery(input);
  if (!rows.length && !cursor && search && typoTolerant(search.text)) rows = await run((mode = "similar"));
  const hasMore = rows.length > input.limit;
  const page = hasMore ? rows.slice(0, input.limit) : rows;
  return {
    items: page.map(toSummary),
    nextCursor: hasMore ? cursorOf(page.at(-1)!, sort, mode) : null,
    sort,
    matchedBy: searchQuery(input) ? mode : null,
  };
}

function toSummary(row: ProductRow): PublicProductSummary {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    price: toMoney(row.price),
    stock: row.stock,
    imageUrl: row.imageUrl,
    category: { slug: row.categorySlug, name: row.categoryName },
  };
}

/** An active product by slug, or null. Cached in-process; writes evict it by tag. */
export async function getProductBySlug(ctx: CatalogCtx, slug: string): Promise<PublicProduct | null> {
  const tags = (product: PublicProduct | null) => [
    catalogTags.all,
    catalogTags.productSlug(slug),
    ...(product ? [catalogTags.product(product.id)] : []),
  ];
  return cached(`product-slug:${slug}`, tags, async () => {
    const product = await ctx.db.product.findFirst({
      where: { slug, active: true },
      select: {
        id: true,
        slug: true,
        name: true,
        description: true,
        price: true,
        stock: true,
        imageUrl: true,
        createdAt: true,
        updatedAt: true,
        category: { select: { slug: true, name: true } },
      },
    });
    return product && { ...product, price: toMoney(product.price) };
  });
}

export async function requireProductBySlug(ctx: CatalogCtx, slug: string): Promise<PublicProduct> {
  const product = await getProductBySlug(ctx, slug);
  if (!product) throw new NotFoundError("PRODUCT_NOT_FOUND", "This product does not exist or is no longer sold.");
  return product;
}

type StatsRow = Omit<CategoryStats, "averagePrice" | "productCount" | "activeCount"> & {
  productCount: bigint;
  activeCount: bigint;
  averagePrice: Prisma.Decimal | null;
};

/** Every category with its product count, active count and average active price: one query. */
export async function listCategoryStats(ctx: CatalogCtx): Promise<CategoryStats[]> {
  return cached("categories:stats", [catalogTags.all, catalogTags.categories], async () => {
    const rows = await ctx.db.$queryRaw<StatsRow[]>`
      SELECT c.id, c.slug, c.name, c.description,
             count(p.id) AS "productCount",
             count(p.id) FILTER (WHERE p.active) AS "activeCount",
             round(avg(p.price) FILTER (WHERE p.active), 2) AS "averagePrice"
      FROM "Category" c LEFT JOIN "Product" p ON p."categoryId" = c.id
      GROUP BY c.id
      ORDER BY c.name`;
    return rows.map((row) => ({
      ...row,
      productCount: Number(row.productCount),
      activeCount: Number(row.activeCount),
      averagePrice: row.averagePrice && toMoney(row.averagePrice),
    }));
  });
}
