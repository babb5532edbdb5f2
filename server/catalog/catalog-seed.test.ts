import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { generateProducts, seedCatalog, type SeedCatalogResult } from "./catalog-seed";
import { CATEGORY_SPECS } from "./catalog-seed-data";

const PRODUCTS = 300;
const DAY_MS = 24 * 60 * 60 * 1_000;
const NOW = new Date("2026-06-01T12:00:00Z");
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const refs = CATEGORY_SPECS.map(({ slug }) => ({ id: `id-${slug}`, slug }));

describe("seedCatalog", () => {
  let results: SeedCatalogResult[];

  beforeAll(async () => {
    // The server and the worker may both boot against a new database and seed at the same moment.
    results = await Promise.all([seedCatalog(db, { products: PRODUCTS }), seedCatalog(db, { products: PRODUCTS })]);
  });

  it("creates the catalog exactly once, even when two callers race", () => {
    expect(CATEGORY_SPECS.length).toBeGreaterThanOrEqual(22);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    for (const result of results)
      expect(result).toMatchObject({ categories: CATEGORY_SPECS.length, products: PRODUCTS });
  });

  it("does nothing once a catalog exists", async () => {
    await expect(seedCatalog(db, { products: 50 })).resolves.toEqual({
      categories: CATEGORY_SPECS.length,
      products: PRODUCTS,
      created: false,
    });
    expect(await db.category.count()).toBe(CATEGORY_SPECS.length);
    expect(await db.product.count()).toBe(PRODUCTS);
  });

  it("refuses a product count that is not a non-negative integer", async () => {
    await expect(seedCatalog(db, { products: -1 })).rejects.toThrow(RangeError);
    await expect(seedCatalog(db, { products: 2.5 })).rejects.toThrow(RangeError);
  });

  it("fills every category, unevenly", async () => {
    expect(PRODUCTS).toBeGreaterThanOrEqual(CATEGORY_SPECS.length * 3);
    const groups = await db.product.groupBy({ by: ["categoryId"], _count: { _all: true } });
    expect(groups).toHaveLength(CATEGORY_SPECS.length);
    const sizes = groups.map((group) => group._count._all);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(2 * Math.min(...sizes));
  });

  it("gives categories and products unique kebab-case slugs", async () => {
    for (const rows of [await db.category.findMany(), await db.product.findMany()]) {
      const slugs = rows.map((row) => row.slug);
      expect(new Set(slugs).size).toBe(slugs.length);
      for (const slug of slugs) expect(slug).toMatch(SLUG);
    }
    const categories = await db.category.findMany();
    for (const category of categories) expect(category.description).toMatch(/^[A-Z].+\.$/);
  });

  it("stores prices, stock, status, images and dates like a real shop's", async () => {
    const products = await db.product.findMany({ include: { category: { select: { slug: true } } } });
    for (const product of products) {
      expect(product.price.isNegative()).toBe(false);
      expect(product.price.decimalPlaces()).toBeLessThanOrEqual(2);
      expect(product.stock).toBeGreaterThanOrEqual(0);
      expect(product.imageUrl).toBe(`/product-images/${product.category.slug}.svg`);
      expect(product.updatedAt).toEqual(product.createdAt);
      expect(Date.now() - product.createdAt.getTime()).toBeLessThan(366 * DAY_MS);
    }
    expect(products.some((product) => product.stock === 0)).toBe(true);
    expect(products.some((product) => !product.active)).toBe(true);
    expect(products.filter((product) => product.active && product.stock > 0).length).toBeGreaterThan(PRODUCTS * 0.8);
    const created = products.map((product) => product.createdAt.getTime());
    expect(Math.max(...created) - Math.min(...created)).toBeGreaterThan(300 * DAY_MS);
  });

  it("leaves the search document to the database trigger", async () => {
    const [matches] = await db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM "Product"
      WHERE "searchVector" @@ websearch_to_tsquery('english', 'stainless steel')`;
    expect(Number(matches?.count)).toBeGreaterThan(0);
    const [missing] = await db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM "Product" WHERE "searchVector" IS NULL`;
    expect(Number(missing?.count)).toBe(0);
  });
});

describe("generateProducts", () => {
  it("returns the same products for the same seed, and different ones for another", () => {
    expect(generateProducts(7, 200, refs, NOW)).toEqual(generateProducts(7, 200, refs, NOW));
    const names = (seed: number) => generateProducts(seed, 20, refs, NOW).map((product) => product.name);
    expect(names(8)).not.toEqual(names(7));
  });

  it("names, describes and prices each product as the kind of thing its category sells", () => {
    for (const product of generateProducts(42, 2_000, refs, NOW)) {
      const spec = CATEGORY_SPECS.find((candidate) => `id-${candidate.slug}` === product.categoryId)!;
      const nouns = spec.groups.flatMap((group) => group.nouns).filter((noun) => product.name.includes(noun.noun));
      const noun = nouns.sort((a, b) => b.noun.length - a.noun.length)[0];
      expect(noun, product.name).toBeDefined();
      expect(Number(product.price)).toBeGreaterThanOrEqual(noun!.minPrice);
      expect(Number(product.price)).toBeLessThan(noun!.maxPrice + 1);
      expect(product.price).toMatch(/^\d+\.\d{2}$/);
      // Count sentences without the name, whose "& Co." would look like a sentence end.
      const sentences = product.description.replace(product.name.split(" – ")[0]!, "").match(/\.(\s|$)/g) ?? [];
      expect(sentences.length, product.description).toBeGreaterThanOrEqual(2);
      expect(sentences.length, product.description).toBeLessThanOrEqual(4);
      expect(product.slug).toMatch(SLUG);
      expect(product.createdAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(NOW.getTime() - product.createdAt.getTime()).toBeLessThan(365 * DAY_MS);
    }
  });

  it("keeps about 5% out of stock, about 4% inactive and names mostly distinct", () => {
    const products = generateProducts(42, 4_000, refs, NOW);
    const share = (predicate: (product: (typeof products)[number]) => boolean) =>
      products.filter(predicate).length / products.length;
    expect(share((product) => product.stock === 0)).toBeGreaterThan(0.03);
    expect(share((product) => product.stock === 0)).toBeLessThan(0.07);
    expect(share((product) => !product.active)).toBeGreaterThan(0.025);
    expect(share((product) => !product.active)).toBeLessThan(0.055);
    expect(new Set(products.map((product) => product.name)).size).toBeGreaterThan(products.length * 0.95);
    expect(new Set(products.map((product) => product.slug)).size).toBe(products.length);
  });

  it("returns nothing for zero products and refuses an unknown category", () => {
    expect(generateProducts(1, 0, refs, NOW)).toEqual([]);
    expect(() => generateProducts(1, 5, [{ id: "x", slug: "time-machines" }], NOW)).toThrow(/time-machines/);
  });
});

describe("product images", () => {
  it.each(CATEGORY_SPECS.map(({ slug }) => slug))("%s has a small 400×400 SVG", (slug) => {
    const svg = readFileSync(new URL(`../../public/product-images/${slug}.svg`, import.meta.url), "utf8");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 400 400"/);
    expect(Buffer.byteLength(svg)).toBeLessThan(2_048);
  });
});
