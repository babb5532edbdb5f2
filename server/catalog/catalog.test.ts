import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { callerFor, createCategory, createProduct, createUser } from "../test/factories";
import { listProductsInput } from "./catalog.schemas";
import { listProducts } from "./catalog.service";

/** A small, known catalog in two categories (every test file has its own database). */
let shoes: { id: string; slug: string };
let kitchen: { id: string; slug: string };
beforeAll(async () => {
  shoes = await createCategory({ name: "Running Shoes", slug: "running-shoes" });
  kitchen = await createCategory({ name: "Kitchen", slug: "kitchen" });
  const day = (n: number) => new Date(Date.UTC(2026, 0, n));
  const products = [
    {
      name: "Trail Running Shoe",
      description: "Waterproof trail shoe with a grippy sole.",
      price: "120.00",
      stock: 4,
      categoryId: shoes.id,
      createdAt: day(1),
    },
    {
      name: "Road Racer",
      description: "Light road running shoe with a carbon plate.",
      price: "180.00",
      stock: 0,
      categoryId: shoes.id,
      createdAt: day(2),
    },
    {
      name: "Merino Running Socks",
      description: "Merino wool socks for long runs.",
      price: "18.50",
      stock: 40,
      categoryId: shoes.id,
      createdAt: day(3),
    },
    {
      name: "Hidden Prototype Shoe",
      description: "Not for sale yet.",
      price: "999.00",
      stock: 1,
      categoryId: shoes.id,
      active: false,
      createdAt: day(4),
    },
    {
      name: "Stainless Steel Kettle",
      description: "Boils water fast. Stainless steel body.",
      price: "45.00",
      stock: 12,
      categoryId: kitchen.id,
      createdAt: day(5),
    },
    {
      name: "Cast Iron Skillet",
      description: "Pre-seasoned cast iron pan for searing.",
      price: "39.99",
      stock: 7,
      categoryId: kitchen.id,
      createdAt: day(6),
    },
    {
      name: "Chef Knife",
      description: "Stainless steel chef's knife with a pakka wood handle.",
      price: "45.00",
      stock: 3,
      categoryId: kitchen.id,
      createdAt: day(7),
    },
  ];
  for (const product of products) await createProduct(product);
});

const list = (input: Parameters<ReturnType<typeof callerFor>["catalog"]["products"]>[0]) =>
  callerFor(null).catalog.products(input);
const names = (page: { items: { name: string }[] }) => page.items.map((p) => p.name);

describe("catalog browsing", () => {
  it("lists active products newest first, money as 2-decimal strings, inactive ones invisible", async () => {
    const page = await list({ limit: 50 });
    expect(names(page)).toEqual([
      "Chef Knife",
      "Cast Iron Skillet",
      "Stainless Steel Kettle",
      "Merino Running Socks",
      "Road Racer",
      "Trail Running Shoe",
    ]);
    expect(page.sort).toBe("newest");
    expect(page.items.find((p) => p.name === "Merino Running Socks")).toMatchObject({
      price: "18.50",
      stock: 40,
      category: { slug: "running-shoes", name: "Running Shoes" },
    });
  });

  it("filters by category, price range and stock", async () => {
    // Equal prices keep a stable order (by id, i.e. creation here).
    expect(names(await list({ categorySlug: "kitchen", sort: "price-asc" }))).toEqual([
      "Cast Iron Skillet",
      "Stainless Steel Kettle",
      "Chef Knife",
    ]);
    expect(names(await list({ minPrice: "40", maxPrice: "130", sort: "price-desc" }))).toEqual([
      "Trail Running Shoe",
      "Stainless Steel Kettle",
      "Chef Knife",
    ]);
    expect(names(await list({ categorySlug: "running-shoes", inStock: true }))).not.toContain("Road Racer");
  });

  it("refuses an inverted price range naming the field", async () => {
    const error = await list({ minPrice: "50", maxPrice: "10" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect(JSON.stringify((error as TRPCError).cause)).toContain("maxPrice");
  });

  it("walks every page of a keyset-paginated sort without gaps or repeats (ties included)", async () => {
    for (const sort of ["price-asc", "price-desc", "newest"] as const) {
      const seen: string[] = [];
      let cursor: string | null | undefined;
      do {
        const page = await list({ sort, limit: 2, cursor });
        seen.push(...names(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, sort).toEqual(names(await list({ sort, limit: 50 })));
      expect(new Set(seen).size, sort).toBe(6);
    }
  });

  it("rejects a tampered cursor with a 400 on the cursor field", async () => {
    const error = (await list({ cursor: "not-a-cursor" }).catch((e: unknown) => e)) as TRPCError;
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause).toMatchObject({ code: "INVALID_CURSOR", field: "cursor" });
  });
});

describe("catalog search", () => {
  it("matches name and description with prefixes, ranking name matches first", async () => {
    const page = await list({ q: "stainless" });
    expect(page.sort).toBe("relevance");
    expect(names(page)).toEqual(["Stainless Steel Kettle", "Chef Knife"]);
    expect(names(await list({ q: "run" }))).toEqual(
      expect.arrayContaining(["Trail Running Shoe", "Merino Running Socks", "Road Racer"]),
    );
    expect(names(await list({ q: "merino wool" }))).toEqual(["Merino Running Socks"]);
  });

  it("matches words of one or two letters whole, longer ones as prefixes", async () => {
    expect(names(await list({ q: "ski" }))).toEqual(["Cast Iron Skillet"]);
    // "sk" is no word of any product: no prefix match (and too short for the typo fallback).
    expect(await list({ q: "sk" })).toMatchObject({ items: [], matchedBy: "words" });
    // "ir" no longer prefixes "iron": the words miss, and the typo fallback finds the skillet.
    const castIr = await list({ q: "cast ir" });
    expect(castIr.matchedBy).toBe("similar");
    expect(names(castIr)[0]).toBe("Cast Iron Skillet");
  });

  it("tolerates typos through trigram similarity", async () => {
    const typo = await list({ q: "skilet" });
    expect(names(typo)).toContain("Cast Iron Skillet");
    expect(typo.matchedBy).toBe("similar");
    expect((await list({ q: "skillet" })).matchedBy).toBe("words");
    expect(names(await list({ q: "runnig shoe" }))).toContain("Trail Running Shoe");
    expect(names(await list({ q: "ketle" }))).toContain("Stainless Steel Kettle");
  });

  it("pages through typo matches in similarity order, staying in the typo mode", async () => {
    const all = await list({ q: "runnig shoe", limit: 50 });
    expect(all.matchedBy).toBe("similar");
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await list({ q: "runnig shoe", limit: 1, cursor });
      expect(page.matchedBy).toBe("similar");
      seen.push(...names(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(names(all));
  });

  it("does not fall back to similar names for a query of fewer than 3 letters", async () => {
    // Trigrams of one or two letters are half-similar to most names: no fallback for those.
    for (const q of ["x", "zq", "q-z"]) expect(await list({ q })).toMatchObject({ items: [], matchedBy: "words" });
    // From three letters on, a misspelling still finds its product ("sox" is 0.5 word-similar to
    // "Merino Running Socks": found only at the typo threshold, below pg_trgm's default 0.6).
    expect(await list({ q: "sox" })).toMatchObject({ items: [{ name: "Merino Running Socks" }], matchedBy: "similar" });
  });

  it("indexes a product for search as it is written (no GIN pending list)", async () => {
    const rows = await db.$queryRaw<{ relname: string; reloptions: string[] | null }[]>`
      SELECT relname, reloptions FROM pg_class
      WHERE relname IN ('Product_searchVector_idx', 'Product_name_trgm_idx') ORDER BY relname`;
    expect(rows).toEqual([
      { relname: "Product_name_trgm_idx", reloptions: ["fastupdate=off"] },
      { relname: "Product_searchVector_idx", reloptions: ["fastupdate=off"] },
    ]);
  });

  it("never finds inactive products, and paginates by relevance", async () => {
    expect(names(await list({ q: "prototype" }))).toEqual([]);
    const first = await list({ q: "shoe", limit: 1 });
    const second = await list({ q: "shoe", limit: 1, cursor: first.nextCursor });
    expect(first.items).toHaveLength(1);
    expect(second.items[0]?.name).not.toBe(first.items[0]?.name);
  });

  it("treats SQL and tsquery syntax in the query as plain words", async () => {
    for (const q of ['\'); DROP TABLE "Product"; --', "a & | ! :* <->", "   "])
      expect((await list({ q })).items).toBeInstanceOf(Array);
    expect(await db.product.count()).toBeGreaterThan(0);
  });
});

describe("product page and category statistics", () => {
  it("finds an active product by slug; inactive and unknown ones are NOT_FOUND", async () => {
    const kettle = await db.product.findFirstOrThrow({ where: { name: "Stainless Steel Kettle" } });
    const hidden = await db.product.findFirstOrThrow({ where: { name: "Hidden Prototype Shoe" } });
    expect(await callerFor(null).catalog.productBySlug({ slug: kettle.slug })).toMatchObject({
      name: "Stainless Steel Kettle",
      price: "45.00",
      description: expect.stringContaining("Boils water"),
    });
    for (const slug of [hidden.slug, "no-such-product"])
      await expect(callerFor(null).catalog.productBySlug({ slug })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("computes count, active count and average active price per category in one query", async () => {
    const stats = await callerFor(null).catalog.categories();
    expect(stats.find((c) => c.slug === "running-shoes")).toMatchObject({
      productCount: 4,
      activeCount: 3,
      averagePrice: "106.17",
    });
    expect(stats.find((c) => c.slug === "kitchen")).toMatchObject({
      productCount: 3,
      activeCount: 3,
      averagePrice: "43.33",
    });
  });

  it("serves a back-office edit on the very next read (cache invalidated on write)", async () => {
    const staff = await createUser({ role: "STAFF" });
    const skillet = await db.product.findFirstOrThrow({ where: { name: "Cast Iron Skillet" } });
    const read = () => callerFor(null).catalog.productBySlug({ slug: skillet.slug });
    expect((await read()).price).toBe("39.99");
    // A write behind the cache's back is not seen (the read is cached)…
    await db.product.update({ where: { id: skillet.id }, data: { stock: 6 } });
    expect((await read()).stock).toBe(7);
    // …a write through the service is, at once, and so is the category's average.
    await callerFor(staff).admin.products.update({ id: skillet.id, price: "29.99" });
    expect(await read()).toMatchObject({ price: "29.99", stock: 6 });
    const kitchenStats = (await callerFor(null).catalog.categories()).find((c) => c.slug === "kitchen");
    expect(kitchenStats?.averagePrice).toBe("40.00");
  });

  it("serves cached search results until a product changes", async () => {
    const staff = await createUser({ role: "STAFF" });
    // The service's cache hands out the same object (the procedure's output schema copies it).
    const input = listProductsInput.parse({ q: "kettle" });
    const before = await listProducts({ db }, input);
    expect(await listProducts({ db }, input)).toBe(before);
    const kettle = await db.product.findFirstOrThrow({ where: { name: "Stainless Steel Kettle" } });
    await callerFor(staff).admin.products.update({ id: kettle.id, price: "44.00" });
    expect((await list({ q: "kettle" })).items[0]?.price).toBe("44.00");
  });

  it("evicts a product's cached stock when an order takes it", async () => {
    const customer = await createUser();
    const knife = await db.product.findFirstOrThrow({ where: { name: "Chef Knife" } });
    expect((await callerFor(null).catalog.productBySlug({ slug: knife.slug })).stock).toBe(3);
    await callerFor(customer).orders.create({
      idempotencyKey: crypto.randomUUID(),
      lines: [{ productId: knife.id, quantity: 2 }],
    });
    expect((await callerFor(null).catalog.productBySlug({ slug: knife.slug })).stock).toBe(1);
  });
});
