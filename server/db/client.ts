import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { getEnv } from "../env";
import { PrismaClient } from "./generated/prisma/client";

export type Db = PrismaClient;
export { Prisma } from "./generated/prisma/client";
export type { Role, User } from "./generated/prisma/client";

export function createPrismaClient(databaseUrl: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

export function requireDatabaseUrl(): string {
  const url = getEnv().DATABASE_URL;
  if (!url)
    throw new Error(
      "DATABASE_URL is not set. Start the app with `npm run dev` or `npm start` (they launch embedded PostgreSQL), or set DATABASE_URL.",
    );
  return url;
}

// One client per process; dev hot reloads would otherwise open a new pool on every edit.
const globalForDb = globalThis as unknown as { shopwiseDb?: Db };

export const db: Db = (globalForDb.shopwiseDb ??= createPrismaClient(requireDatabaseUrl()));
