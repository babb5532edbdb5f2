// `npm run db:seed`: demo accounts in the database at DATABASE_URL (idempotent).
import { db } from "../server/db/client";
import { loadEnvFiles } from "../server/env";
import { seedDemoData } from "../server/db/seed";

loadEnvFiles(false);
const created = await seedDemoData(db);
for (const account of created)
  console.log(`created ${account.role.toLowerCase()}: ${account.email} / ${account.password}`);
if (!created.length) console.log("demo accounts already exist; nothing to do");
await db.$disconnect();
