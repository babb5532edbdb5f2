import "server-only";
import type { Db } from "../db/client";
import { getEnv } from "../env";
import { getLogger, type Logger } from "../observability/logger";
import { exactVectorSearch, pgvectorSearch, type SqlExecutor, type VectorSearch } from "./vector-search";

/**
 * Which vector search a database gets, decided once per process and client:
 * - `auto` (default): pgvector when the server has the extension (installed, or available and
 *   this role may create it), exact otherwise;
 * - `exact`: never pgvector;
 * - `pgvector`: pgvector or an error, for deployments that must not silently scan every chunk.
 */
export type VectorSearchMode = "auto" | "exact" | "pgvector";

interface ExtensionState {
  available: boolean;
  schema: string | null;
  version: string | null;
}

const extensionState = async (sql: SqlExecutor) => {
  const [state] = await sql<ExtensionState>(
    `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') AS available,
            n.nspname AS schema, e.extversion AS version
     FROM (SELECT 1) AS one
     LEFT JOIN pg_extension e ON e.extname = 'vector'
     LEFT JOIN pg_namespace n ON n.oid = e.extnamespace`,
  );
  return state!;
};

export async function detectVectorSearch(
  sql: SqlExecutor,
  mode: VectorSearchMode,
  log: Logger = getLogger(),
): Promise<VectorSearch> {
  if (mode === "exact") {
    log.info({ vectorSearch: "exact" }, "vector search: exact (AI_VECTOR_SEARCH=exact)");
    return exactVectorSearch(sql);
  }
  let state = await extensionState(sql);
  let unavailable = state.available ? "" : "the server does not have the pgvector extension";
  if (!state.schema && state.available) {
    try {
      await sql(`CREATE EXTENSION IF NOT EXISTS vector`);
    } catch (error) {
      // No privilege (a managed database's app role): an administrator can run the statement.
      unavailable = `CREATE EXTENSION vector failed: ${(error as Error).message}`;
    }
    state = await extensionState(sql);
  }
  if (state.schema) {
    log.info({ vectorSearch: "pgvector", version: state.version }, "vector search: pgvector (HNSW)");
    return pgvectorSearch(sql, state.schema);
  }
  if (mode === "pgvector") throw new Error(`AI_VECTOR_SEARCH=pgvector, but ${unavailable}`);
  if (state.available)
    log.warn({ vectorSearch: "exact", reason: unavailable }, "vector search: exact, pgvector could not be enabled");
  else log.info({ vectorSearch: "exact", reason: unavailable }, "vector search: exact");
  return exactVectorSearch(sql);
}

export const prismaExecutor =
  (db: Db): SqlExecutor =>
  (sql, params = []) =>
    db.$queryRawUnsafe(sql, ...params);

const searches = new WeakMap<Db, Promise<VectorSearch>>();

/** The vector search for this Prisma client's database (detected on first use, then cached). */
export function vectorSearchFor(db: Db): Promise<VectorSearch> {
  let search = searches.get(db);
  if (!search) {
    search = detectVectorSearch(prismaExecutor(db), getEnv().AI_VECTOR_SEARCH);
    searches.set(db, search);
    // A failed detection (database unreachable, pgvector required but missing) is tried again.
    search.catch(() => searches.delete(db));
  }
  return search;
}

/**
 * After chunks of a model are written: builds the model's HNSW index if pgvector is in use and
 * it is missing. Never throws — without the index pgvector search is still correct, only slower —
 * so indexing a document does not fail over it.
 */
export async function ensureVectorIndex(db: Db, modelId: string, dimensions: number, log: Logger = getLogger()) {
  if (!dimensions) return;
  try {
    await (await vectorSearchFor(db)).ensureIndex(modelId, dimensions);
  } catch (error) {
    log.warn({ err: error, modelId, dimensions }, "vector index not created; similarity search scans instead");
  }
}
