import nextEnv from "@next/env";
import { defineConfig } from "prisma/config";

// The same .env files the app reads (Prisma 7 loads none by itself).
nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });

// `prisma generate` needs no database, so a placeholder keeps it working without one.
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
