import "server-only";
import { Faker, base, en } from "@faker-js/faker";
import type { Db } from "../db/client";
import {
  BRAND_SUFFIXES,
  CATEGORY_SPECS,
  CLOSING_SENTENCES,
  SHARED_BRANDS,
  type SeedCategorySpec,
  type SeedNoun,
  type SeedProductGroup,
} from "./catalog-seed-data";

export interface SeedCategoryRef {
  id: string;
  slug: string;
}

/** A product row as `db.product.createMany` takes it (searchVector is the trigger's job). */
export interface SeedProduct {
  name: string;
  slug: string;
  description: string;
  categoryId: string;
  price: string;
  stock: number;
  active: boolean;
  imageUrl: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface SeedCatalogResult {
  categories: number;
  products: number;
  created: boolean;
}

interface CategoryVocabulary {
  ref: SeedCategoryRef;
  spec: SeedCategorySpec;
  brands: string[];
}

interface TakenNames {
  names: Set<string>;
  slugs: Set<string>;
}

const CHUNK_SIZE = 1_000;
const NAME_ATTEMPTS = 4;
const YEAR_MS = 365 * 24 * 60 * 60 * 1_000;
// Any constant works; it only has to be the same for every process that seeds.
const SEED_LOCK_KEY = 7_340_112;

/**
 * Seeds the demo catalog (hand-written categories, generated products) unless any category
 * exists. All or nothing: one transaction, serialized by an advisory lock, because the server and
 * the worker may both boot against a new database at the same moment.
 */
export async function seedCatalog(db: Db, options: { products: number; seed?: number }): Promise<SeedCatalogResult> {
  if (!Number.isInteger(options.products) || options.products < 0)
    throw new RangeError(`seedCatalog: products must be a non-negative integer, got ${options.products}`);
  const result = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY}::bigint)`;
      if ((await tx.category.count()) > 0)
        return { categories: await tx.category.count(), products: await tx.product.count(), created: false };
      const categories = await tx.category.createManyAndReturn({
        data: CATEGORY_SPECS.map(({ name, slug, description }) => ({ name, slug, description })),
        select: { id: true, slug: true },
      });
      const products = generateProducts(options.seed ?? 42, options.products, categories);
      for (let start = 0; start < products.length; start += CHUNK_SIZE)
        await tx.product.createMany({ data: products.slice(start, start + CHUNK_SIZE) });
      return { categories: categories.length, products: products.length, created: true };
    },
    // ~0.6 ms a product on a laptop; generous, so a slow CI box does not roll back a 200k catalog.
    { maxWait: 10_000, timeout: 60_000 + options.products * 3 },
  );
  // Fresh statistics, or the planner mistakes the new table for an empty one and scans it.
  if (result.created) await db.$executeRaw`ANALYZE "Category", "Product"`;
  return result;
}

/**
 * The products `seedCatalog` inserts, as a pure function: equal arguments give equal rows.
 * `categories` must be slugs from CATEGORY_SPECS; `now` anchors the createdAt spread (last 365 days).
 */
export function generateProducts(
  seed: number,
  count: number,
  categories: readonly SeedCategoryRef[],
  now: Date = new Date(),
): SeedProduct[] {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  const vocabularies = categories.map((ref) => {
    const spec = CATEGORY_SPECS.find((candidate) => candidate.slug === ref.slug);
    if (!spec) throw new Error(`generateProducts: no seed vocabulary for category "${ref.slug}"`);
    return { ref, spec, brands: spec.brands ?? pickBrands(faker) };
  });
  const taken: TakenNames = { names: new Set(), slugs: new Set() };
  return assignCategories(faker, count, vocabularies).map((vocabulary) =>
    generateProduct(faker, vocabulary, taken, now),
  );
}

/** Each category's own handful of brands: a few shared names and a few surname-based ones. */
function pickBrands(faker: Faker): string[] {
  const surnameBrands = Array.from(
    { length: 3 },
    () => `${faker.person.lastName()} ${faker.helpers.arrayElement(BRAND_SUFFIXES)}`,
  );
  return [...faker.helpers.arrayElements(SHARED_BRANDS, 4), ...surnameBrands];
}

/**
 * Splits `count` over the categories by their (jittered) weights, largest remainder first, so the
 * catalog is uneven; every category gets at least one product when there are enough to go round.
 */
function assignCategories(faker: Faker, count: number, vocabularies: CategoryVocabulary[]): CategoryVocabulary[] {
  if (!vocabularies.length) return [];
  const weights = vocabularies.map((v) => v.spec.weight * faker.number.float({ min: 0.6, max: 1.4 }));
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const floor = count >= vocabularies.length ? 1 : 0;
  const spread = count - floor * vocabularies.length;
  const exact = weights.map((weight) => (spread * weight) / totalWeight);
  const quotas = exact.map((share) => floor + Math.floor(share));
  const leftover = count - quotas.reduce((sum, quota) => sum + quota, 0);
  const byRemainder = exact.map((share, index) => ({ index, remainder: share % 1 }));
  byRemainder.sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder.slice(0, leftover)) quotas[index]! += 1;
  const assigned = vocabularies.flatMap((vocabulary, index) =>
    Array<CategoryVocabulary>(quotas[index]!).fill(vocabulary),
  );
  return faker.helpers.shuffle(assigned);
}

function generateProduct(faker: Faker, vocabulary: CategoryVocabulary, taken: TakenNames, now: Date): SeedProduct {
  const { group, noun, name } = drawName(faker, vocabulary, taken.names);
  const createdAt = new Date(now.getTime() - faker.number.int({ min: 0, max: YEAR_MS - 1 }));
  return {
    name,
    slug: uniqueSlug(faker, name, taken.slugs),
    description: productDescription(faker, group, name, noun.noun),
    categoryId: vocabulary.ref.id,
    price: productPrice(faker, noun),
    stock: faker.datatype.boolean({ probability: 0.05 }) ? 0 : faker.number.int({ min: 1, max: 200 }),
    active: faker.datatype.boolean({ probability: 0.96 }),
    imageUrl: `/product-images/${vocabulary.spec.slug}.svg`,
    createdAt,
    updatedAt: createdAt,
  };
}

/** A kind of product and its name; a few redraws keep identical names rare without looping forever. */
function drawName(faker: Faker, vocabulary: CategoryVocabulary, takenNames: Set<string>) {
  for (let attempt = 1; ; attempt++) {
    const group = faker.helpers.weightedArrayElement(
      vocabulary.spec.groups.map((value) => ({ value, weight: value.nouns.length })),
    );
    const noun = faker.helpers.arrayElement(group.nouns);
    const name = productName(faker, vocabulary, group, noun.noun);
    if (!takenNames.has(name) || attempt === NAME_ATTEMPTS) {
      takenNames.add(name);
      return { group, noun, name };
    }
  }
}

function productName(faker: Faker, { spec, brands }: CategoryVocabulary, group: SeedProductGroup, noun: string) {
  const brand = faker.helpers.arrayElement(brands);
  const adjective = faker.helpers.arrayElement(group.adjectives ?? spec.adjectives);
  const core = faker.helpers.weightedArrayElement([
    { weight: 5, value: `${brand} ${adjective} ${noun}` },
    { weight: 3, value: `${brand} ${noun}` },
    { weight: 2, value: `${adjective} ${noun}` },
  ]);
  const model =
    group.models && faker.datatype.boolean({ probability: 0.4 }) ? ` ${faker.helpers.arrayElement(group.models)}` : "";
  const colour =
    group.colours && faker.datatype.boolean({ probability: 0.35 })
      ? ` – ${faker.helpers.arrayElement(group.colours)}`
      : "";
  return `${core}${model}${colour}`;
}

/** Two to four sentences: materials, features, what it is for, and sometimes a shop note. */
function productDescription(faker: Faker, group: SeedProductGroup, name: string, noun: string): string {
  const kind = lowerCaseNoun(noun);
  const materials = faker.helpers.arrayElements(group.materials, 2);
  const material = materials[0]!;
  const features = joinList(faker.helpers.arrayElements(group.features, { min: 2, max: 3 }));
  const use = faker.helpers.arrayElement(group.uses);
  const sentences: string[] = [
    faker.helpers.arrayElement([
      `The ${name.split(" – ")[0]} is made with ${joinList(materials)}.`,
      `This ${kind} pairs ${material} with ${materials[1] ?? "careful detailing"}.`,
      `Inside and out, this ${kind} relies on ${material}.`,
    ]),
    faker.helpers.arrayElement([
      `It features ${features}.`,
      `Highlights include ${features}.`,
      `You also get ${features}.`,
      `Details that matter: ${features}.`,
    ]),
  ];
  if (faker.datatype.boolean({ probability: 0.75 }))
    sentences.push(
      faker.helpers.arrayElement([
        `Designed for ${use}.`,
        `A dependable pick for ${use}.`,
        `Ideal for ${use}.`,
        `Customers love it for ${use}.`,
      ]),
    );
  if (faker.datatype.boolean({ probability: 0.45 })) sentences.push(faker.helpers.arrayElement(CLOSING_SENTENCES));
  return sentences.join(" ");
}

/** A price inside the noun's range, skewed to the cheap end, with a shop's usual endings. */
function productPrice(faker: Faker, { minPrice, maxPrice }: SeedNoun): string {
  const whole = Math.floor(minPrice + (maxPrice - minPrice) * faker.number.float() ** 1.6);
  const cents = faker.helpers.weightedArrayElement([
    { weight: 6, value: 0.99 },
    { weight: 2, value: 0.95 },
    { weight: 2, value: 0 },
    { weight: 1, value: 0.5 },
  ]);
  return (whole + cents).toFixed(2);
}

function uniqueSlug(faker: Faker, name: string, takenSlugs: Set<string>): string {
  const base = slugify(name);
  let slug = base;
  while (takenSlugs.has(slug)) slug = `${base}-${faker.string.alphanumeric({ length: 5, casing: "lower" })}`;
  takenSlugs.add(slug);
  return slug;
}

function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f'’]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

const PROPER_WORDS = new Set(["French", "Italian", "British"]);

/** "GPS Sports Watch" → "GPS sports watch": acronyms and sizes keep their case mid-sentence. */
function lowerCaseNoun(noun: string): string {
  return noun
    .split(" ")
    .map((word) => (/^\p{Lu}[\p{Ll}'’-]*$/u.test(word) && !PROPER_WORDS.has(word) ? word.toLowerCase() : word))
    .join(" ");
}

function joinList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
