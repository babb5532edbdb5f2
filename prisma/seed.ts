// `npm run db:seed`: demo accounts and a demo catalog in the database at DATABASE_URL
// (idempotent). SEED_PRODUCTS sets the catalog's size (default 2,000; 10,000+ for benchmarks).
import { seedCatalog } from "../server/catalog/catalog-seed";
import { db } from "../server/db/client";
import { seedDemoData } from "../server/db/seed";
import { getEnv, loadEnvFiles } from "../server/env";

loadEnvFiles(false);
const created = await seedDemoData(db);
for (const account of created)
  console.log(`created ${account.role.toLowerCase()}: ${account.email} / ${account.password}`);
if (!created.length) console.log("demo accounts already exist; nothing to do");
const catalog = await seedCatalog(db, { products: getEnv().SEED_PRODUCTS });
console.log(
  catalog.created
    ? `created ${catalog.categories} categories and ${catalog.products} products`
    : `a catalog already exists (${catalog.categories} categories, ${catalog.products} products); nothing to do`,
);
await db.$disconnect();
