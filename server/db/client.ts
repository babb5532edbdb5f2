import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlCommenterPlugin } from "@prisma/client/runtime/client";
import { getEnv } from "../env";
import { currentCorrelationId } from "../observability/request-context";
import { PrismaClient } from "./generated/prisma/client";

export type Db = PrismaClient;
export { Prisma } from "./generated/prisma/client";
export type { Role, User } from "./generated/prisma/client";

/**
 * Tags every SQL statement with the request's correlation ID (sqlcommenter format), so a slow
 * query in pg_stat_activity or the server log leads back to the request's log lines. Not with
 * DATABASE_PREPARED_STATEMENTS on, which trades it for statements planned once.
 */
export const correlationComment: SqlCommenterPlugin = () => ({ correlation_id: currentCorrelationId() });

/** Distinct statement texts named per process, and the longest (in characters): each connection prepares each once. */
const MAX_NAMED_STATEMENTS = 1_000;
const MAX_NAMED_TEXT = 8_000;

/**
 * Names for prepared statements (DATABASE_PREPARED_STATEMENTS): PostgreSQL parses and plans a named
 * statement once per connection instead of on every call (ADR 034: 41 % less database CPU per
 * checkout). Bounded, so texts that differ call by call (a createMany of n rows, an `in` list of n
 * ids) cannot pile up on the server: first come, first named; past the bound (until a restart) or
 * past the length, a statement goes unnamed as before. After five runs PostgreSQL may plan a named
 * statement generically (`plan_cache_mode`), which operators can set if a skewed query suffers.
 */
function statementNames() {
  const names = new Map<string, string>();
  return ({ sql }: { sql: string }): string => {
    let name = names.get(sql);
    if (name === undefined && names.size < MAX_NAMED_STATEMENTS && sql.length <= MAX_NAMED_TEXT)
      names.set(sql, (name = `shopwise_${names.size}`));
    return name as string; // undefined: unnamed (the adapter passes it to pg as is)
  };
}

/**
 * `connectionTimeoutMillis`: how long a query waits for a free pooled connection. pg's default is
 * forever, so an exhausted pool or a database that stopped answering would hold every request;
 * past it the query fails and the caller gets 503 with Retry-After (server/db/errors.ts).
 */
export function createPrismaClient(
  databaseUrl: string,
  {
    preparedStatements = getEnv().DATABASE_PREPARED_STATEMENTS,
    ...pool
  }: { max?: number; connectionTimeoutMillis?: number; preparedStatements?: boolean } = {},
): Db {
  // Our own pool (ended by $disconnect) so the metrics can read its counts.
  const connections = new pg.Pool({
    connectionString: databaseUrl,
    connectionTimeoutMillis: 5_000,
    max: getEnv().DATABASE_POOL_MAX,
    ...pool,
  });
  // A prepared statement's text is fixed, so it cannot carry each request's correlation comment.
  const adapter = new PrismaPg(connections, {
    disposeExternalPool: true,
    ...(preparedStatements && { statementNameGenerator: statementNames() }),
  });
  const client = new PrismaClient({ adapter, comments: preparedStatements ? [] : [correlationComment] });
  pools.set(client, connections);
  return client;
}

const pools = new WeakMap<Db, pg.Pool>();

/** The process client's pool: connections open, idle, and queries waiting for one. */
export function databasePoolStats(): { total: number; idle: number; waiting: number } | null {
  const pool = globalForDb.shopwiseDb && pools.get(globalForDb.shopwiseDb);
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
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

function getDb(): Db {
  return (globalForDb.shopwiseDb ??= createPrismaClient(requireDatabaseUrl()));
}

/**
 * The process's Prisma client, created on first use rather than at import: `next build` imports
 * route modules with no database configured, and launchers set DATABASE_URL before first use.
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client) : value;
  },
});
