import { defineConfig } from "prisma/config";

// Prisma 7 reads no .env file: the URL comes from the environment. `prisma generate` needs no
// database, so a placeholder keeps it working on machines (and CI steps) without one.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx --tsconfig server/tsconfig.node.json prisma/seed.ts",
  },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/shopwise",
  },
});
