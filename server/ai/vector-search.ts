import "server-only";
import { createHash } from "node:crypto";

/**
 * Nearest-neighbour search over `KnowledgeChunk.embedding` (float8[], L2-normalised, so the
 * inner product is the cosine), one interface with two implementations:
 * - `exact`: the dot product computed in SQL for every chunk of the model — any PostgreSQL;
 * - `pgvector`: the same column cast to pgvector's `vector(n)` and ordered by `<#>` (negative
 *   inner product), served by a partial HNSW expression index per embedding model and dimension.
 * Both take a SqlExecutor, so the same statements run on Prisma and on PGlite (the tests).
 * Choosing one for a database is vector-search-setup.ts.
 */

/** Runs one statement with $1, $2 … parameters and returns its rows. */
export type SqlExecutor = <Row>(sql: string, params?: readonly unknown[]) => Promise<Row[]>;

export interface VectorNeighbour {
  id: string;
  /** Cosine similarity to the query, 1 = same direction. */
  similarity: number;
}

export interface NearestQuery {
  /** Only chunks embedded by this model are compared (vectors of two models are not comparable). */
  modelId: string;
  embedding: readonly number[];
  limit: number;
}

export interface VectorSearch {
  readonly kind: "exact" | "pgvector";
  /** The chunks of `modelId` nearest to `embedding`, most similar first. */
  nearest(query: NearestQuery): Promise<VectorNeighbour[]>;
  /** Makes `nearest` fast for this model and dimension (no-op for exact). Idempotent; cheap once done. */
  ensureIndex(modelId: string, dimensions: number): Promise<void>;
}

// Model ids reach DDL (a partial index's WHERE), so only characters that cannot end a string
// literal are accepted: "local:lexical-512", "openai:text-embedding-3-small",
// "compatible:BAAI/bge-small-en-v1.5", "compatible:nomic-embed-text:latest".
const MODEL_ID = /^[\w.:/@+-]{1,100}$/;

export function checkedModelId(modelId: string): string {
  if (!MODEL_ID.test(modelId))
    throw new Error(`embedding model id ${JSON.stringify(modelId)} has unsupported characters`);
  return modelId;
}

function checkedDimensions(dimensions: number): number {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 16_000)
    throw new Error(`embedding dimension ${dimensions} is not an integer between 1 and 16000`);
  return dimensions;
}

const literal = (values: readonly number[], open: string, close: string) => `${open}${values.join(",")}${close}`;

export function exactVectorSearch(sql: SqlExecutor): VectorSearch {
  return {
    kind: "exact",
    nearest: ({ modelId, embedding, limit }) =>
      sql<VectorNeighbour>(
        `SELECT id, (SELECT sum(a * b) FROM unnest(embedding, $2::float8[]) AS v(a, b)) AS similarity
         FROM "KnowledgeChunk" WHERE "embeddingModel" = $1 AND cardinality(embedding) = $3
         ORDER BY similarity DESC, id LIMIT $4`,
        [modelId, literal(embedding, "{", "}"), embedding.length, limit],
      ),
    ensureIndex: async () => {},
  };
}

/**
 * pgvector's HNSW indexes `vector` up to 2,000 dimensions and `halfvec` (16-bit floats) up to
 * 4,000; past that there is no index, and exact search is as good as an unindexed scan.
 */
export function pgvectorType(dimensions: number): "vector" | "halfvec" | null {
  if (dimensions <= 2_000) return "vector";
  if (dimensions <= 4_000) return "halfvec";
  return null;
}

/** pgvector's HNSW scan yields at most `hnsw.ef_search` rows (default 40), so asking for more is pointless. */
export const PGVECTOR_MAX_NEIGHBOURS = 40;

/** One index per (model, type, dimension): a stable, short, identifier-safe name. */
export function vectorIndexName(modelId: string, dimensions: number): string {
  const key = `${checkedModelId(modelId)}|${pgvectorType(dimensions)}|${checkedDimensions(dimensions)}`;
  return `KnowledgeChunk_embedding_hnsw_${createHash("sha256").update(key).digest("hex").slice(0, 16)}`;
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The statements for one model and dimension. The index is on an expression of the existing
 * float8[] column (no second copy of each embedding) and partial on the model, so the query must
 * repeat the expression and the WHERE literally — with the model id inlined, not a parameter, so
 * the planner can prove the predicate whatever plan it caches.
 */
function pgvectorStatements(schema: string, modelId: string, dimensions: number) {
  const type = pgvectorType(checkedDimensions(dimensions));
  if (!type) return null;
  const ext = quoteIdentifier(schema);
  const column = `"embedding"::${ext}.${type}(${dimensions})`;
  const distance = `${column} OPERATOR(${ext}.<#>) $1::${ext}.${type}(${dimensions})`;
  const where = `"embeddingModel" = '${checkedModelId(modelId)}' AND cardinality("embedding") = ${dimensions}`;
  const index = vectorIndexName(modelId, dimensions);
  return {
    index,
    nearest: `SELECT id, -(${distance}) AS similarity FROM "KnowledgeChunk" WHERE ${where} ORDER BY ${distance} LIMIT $2`,
    createIndex: `CREATE INDEX IF NOT EXISTS ${quoteIdentifier(index)} ON "KnowledgeChunk"
      USING hnsw ((${column}) ${ext}.${type}_ip_ops) WHERE ${where}`,
  };
}

/** `schema`: where the `vector` extension is installed (its types and operators are qualified with it). */
export function pgvectorSearch(sql: SqlExecutor, schema: string): VectorSearch {
  const exact = exactVectorSearch(sql);
  const ensured = new Map<string, Promise<void>>();

  const indexExists = async (index: string) => {
    const [row] = await sql<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [
      quoteIdentifier(index),
    ]);
    return row?.present === true;
  };

  // Looking first keeps the usual call to a catalog read: CREATE INDEX IF NOT EXISTS would take
  // a SHARE lock on the table (blocking ingestion's writes) even when the index is there.
  async function createIndexIfMissing(statements: NonNullable<ReturnType<typeof pgvectorStatements>>) {
    if (await indexExists(statements.index)) return;
    try {
      await sql(statements.createIndex);
    } catch (error) {
      // Another process may have created it at the same moment (a duplicate name in pg_class).
      if (!(await indexExists(statements.index))) throw error;
    }
  }

  return {
    kind: "pgvector",
    async nearest(query) {
      const statements = pgvectorStatements(schema, query.modelId, query.embedding.length);
      if (!statements) return exact.nearest(query);
      return sql<VectorNeighbour>(statements.nearest, [
        literal(query.embedding, "[", "]"),
        Math.min(query.limit, PGVECTOR_MAX_NEIGHBOURS),
      ]);
    },
    async ensureIndex(modelId, dimensions) {
      const statements = pgvectorStatements(schema, modelId, dimensions);
      if (!statements) return;
      let pending = ensured.get(statements.index);
      if (!pending) {
        pending = createIndexIfMissing(statements);
        ensured.set(statements.index, pending);
        // A failure is not remembered: the next call tries again.
        pending.catch(() => ensured.delete(statements.index));
      }
      return pending;
    },
  };
}
