import { z } from "zod";
import {
  cursorPageInput,
  id,
  idInput,
  moneyInput,
  moneyOutput,
  nextCursorOutput,
  pageInput,
  searchQueryInput,
  slugInput,
  sortDirectionInput,
  text,
  textOutput,
  timeOutput,
  timestampInput,
} from "../inputs";

/** Cache tags of catalog reads; every catalog write invalidates the ones it touched. */
export const catalogTags = {
  all: "catalog",
  categories: "catalog:categories",
  /** Product lists and search results: any product change may reorder or refilter them. */
  listings: "catalog:listings",
  product: (id: string) => `product:${id}`,
  productSlug: (slug: string) => `product-slug:${slug}`,
};

/** The tags a change to one product (content, price, stock, active) invalidates. */
export const productChangeTags = (p: { id: string; slug: string }) => [
  catalogTags.product(p.id),
  catalogTags.productSlug(p.slug),
  catalogTags.listings,
];

export const productSortInput = z.enum(["relevance", "newest", "price-asc", "price-desc"]);
export type ProductSort = z.infer<typeof productSortInput>;

export const listProductsInput = cursorPageInput({ defaultLimit: 24, maxLimit: 60 })
  .extend({
    q: searchQueryInput.optional(),
    categorySlug: slugInput.optional(),
    minPrice: moneyInput.optional(),
    maxPrice: moneyInput.optional(),
    inStock: z.boolean().optional(),
    /** Defaults to relevance when searching, newest otherwise. */
    sort: productSortInput.optional(),
  })
  .refine((i) => !i.minPrice || !i.maxPrice || Number(i.minPrice) <= Number(i.maxPrice), {
    error: "The maximum price must not be below the minimum.",
    path: ["maxPrice"],
  });
export type ListProductsInput = z.infer<typeof listProductsInput>;

export const productBySlugInput = z.strictObject({ slug: slugInput });

/** What the public sees of a product (never inactive ones). */
export const publicProductSummaryOutput = z.object({
  id: textOutput,
  slug: textOutput,
  name: textOutput,
  price: moneyOutput,
  stock: z.number().int(),
  imageUrl: textOutput.nullable(),
  category: z.object({ slug: textOutput, name: textOutput }),
});
export type PublicProductSummary = z.infer<typeof publicProductSummaryOutput>;

export const publicProductOutput = publicProductSummaryOutput.extend({
  description: textOutput,
  createdAt: timeOutput,
  updatedAt: timeOutput,
});
export type PublicProduct = z.infer<typeof publicProductOutput>;

/** A page of the public list; `matchedBy` says whether a search matched words or only similar names. */
export const productListOutput = z.object({
  items: z.array(publicProductSummaryOutput),
  nextCursor: nextCursorOutput,
  sort: productSortInput,
  matchedBy: z.enum(["words", "similar"]).nullable(),
});

export const categoryStatsOutput = z.object({
  id: textOutput,
  slug: textOutput,
  name: textOutput,
  description: textOutput,
  productCount: z.number().int(),
  activeCount: z.number().int(),
  /** Average price of the active products, null when there are none. */
  averagePrice: moneyOutput.nullable(),
});
export type CategoryStats = z.infer<typeof categoryStatsOutput>;

// ── Back office ──────────────────────────────────────────────────────────────────────────────

export const adminListProductsInput = z.strictObject({
  page: pageInput,
  sort: z.enum(["name", "category", "price", "stock", "active", "createdAt"]).default("createdAt"),
  direction: sortDirectionInput,
  q: searchQueryInput.optional(),
  active: z.boolean().optional(),
  categoryId: idInput.optional(),
  createdFrom: timestampInput.optional(),
  createdTo: timestampInput.optional(),
});
export type AdminListProductsInput = z.infer<typeof adminListProductsInput>;

const productFields = {
  name: text({ max: 160 }).min(2, { error: "Use at least 2 characters." }),
  slug: slugInput,
  description: text({ max: 5000 }).min(10, { error: "Use at least 10 characters." }),
  categoryId: id({ missing: "Choose a category." }),
  price: moneyInput,
  stock: z
    .number({ error: "Enter a whole number." })
    .int({ error: "Enter a whole number." })
    .min(0, { error: "Stock cannot be negative." })
    .max(1_000_000),
  active: z.boolean(),
  imageUrl: text({ max: 500 })
    .regex(/^(https:\/\/|\/)[^\s]*$/, { error: "Use an https:// URL or a path starting with /." })
    .nullable(),
};

export const createProductInput = z.strictObject(productFields);
export type CreateProductInput = z.infer<typeof createProductInput>;

/** Any subset of the fields (the table edits price, stock and active inline). */
export const updateProductInput = z
  .strictObject(productFields)
  .partial()
  .extend({ id: idInput })
  .refine((i) => Object.keys(i).length > 1, { error: "Change at least one field." });
export type UpdateProductInput = z.infer<typeof updateProductInput>;

const categoryFields = {
  name: text({ max: 80 }).min(2, { error: "Use at least 2 characters." }),
  slug: slugInput,
  description: text({ max: 1000 }),
};
export const createCategoryInput = z.strictObject({
  ...categoryFields,
  description: categoryFields.description.default(""),
});
export type CreateCategoryInput = z.infer<typeof createCategoryInput>;
export const updateCategoryInput = z.strictObject(categoryFields).partial().extend({ id: idInput });
export type UpdateCategoryInput = z.infer<typeof updateCategoryInput>;
