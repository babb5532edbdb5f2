import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite/vector";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { HELP_CENTRE_DIR, upsertHelpCentre } from "../knowledge/help-centre";
import { ingestDocument } from "../knowledge/ingestion.service";
import { getLogger } from "../observability/logger";
import { captureLogs } from "../test/logs";
import { embedText } from "./local/lexical-embedding";
import { LOCAL_EMBEDDING_MODEL } from "./providers";
import {
  checkedModelId,
  exactVectorSearch,
  pgvectorSearch,
  vectorIndexName,
  type SqlExecutor,
  type VectorSearch,
} from "./vector-search";
import { detectVectorSearch, prismaExecutor, vectorSearchFor } from "./vector-search-setup";

/**
 * Both implementations of one interface: exact search on the real (embedded) PostgreSQL, which
 * has no pgvector, and pgvector on PGlite with its vector extension — over the same chunks (the
 * help centre, copied from PostgreSQL into PGlite), so their rankings can be compared.
 */

const pgliteExecutor =
  (pg: PGlite): SqlExecutor =>
  async <Row>(sql: string, params: readonly unknown[] = []) =>
    (await pg.query<Row>(sql, [...params])).rows;

/** A database with the knowledge-base tables exactly as the migration creates them. */
async function knowledgeDatabase(options: { withVector: boolean }) {
  const pg = await PGlite.create(options.withVector ? { extensions: { vector } } : {});
  const migrations = path.join(process.cwd(), "prisma/migrations");
  const dir = (await readdir(migrations)).find((name) => name.endsWith("_knowledge_base"))!;
  await pg.exec(await readFile(path.join(migrations, dir, "migration.sql"), "utf8"));
  return pg;
}

/** Deterministic pseudo-random unit vectors (mulberry32), so a failure reproduces. */
function randomUnitVectors(count: number, dimensions: number, seed = 7): number[][] {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  return Array.from({ length: count }, () => {
    const v = Array.from({ length: dimensions }, next);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

interface ChunkVector {
  id: string;
  documentId: string;
  embedding: readonly number[];
}

/** Chunks (and their documents) straight into PGlite: similarity needs no text. */
async function insertChunks(pg: PGlite, modelId: string, chunks: readonly ChunkVector[]) {
  await pg.query(
    `INSERT INTO "KnowledgeDocument" (id, title, origin, "mimeType", "sizeBytes", sha256, "updatedAt")
     SELECT d, d, 'upload', 'text/plain', 0, '', now() FROM unnest($1::text[]) AS d ON CONFLICT DO NOTHING`,
    [[...new Set(chunks.map((c) => c.documentId))]],
  );
  for (let start = 0; start < chunks.length; start += 250) {
    const rows = chunks.slice(start, start + 250).map((c, i) => ({ ...c, position: start + i }));
    await pg.query(
      `INSERT INTO "KnowledgeChunk" (id, "documentId", position, text, embedding, "embeddingModel")
       SELECT r.id, r."documentId", r.position, r.id, r.embedding, $1
       FROM jsonb_to_recordset($2::jsonb) AS r(id text, "documentId" text, position int, embedding float8[])`,
      [modelId, JSON.stringify(rows)],
    );
  }
}

const generated = (prefix: string, embeddings: readonly number[][]): ChunkVector[] =>
  embeddings.map((embedding, i) => ({ id: `${prefix}-${i}`, documentId: `doc-${prefix}`, embedding }));

let questions: string[] = [];
let pg: PGlite;
let pgvector: VectorSearch;
const statements: string[] = [];

beforeAll(async () => {
  for (const id of await upsertHelpCentre(db)) await ingestDocument({ db, log: getLogger() }, id);
  questions = (
    JSON.parse(await readFile(path.join(HELP_CENTRE_DIR, "questions.json"), "utf8")) as { question: string }[]
  ).map((q) => q.question);
  pg = await knowledgeDatabase({ withVector: true });
  const chunks = await db.knowledgeChunk.findMany({ select: { id: true, documentId: true, embedding: true } });
  await insertChunks(pg, LOCAL_EMBEDDING_MODEL, chunks);
  const execute = pgliteExecutor(pg);
  pgvector = await detectVectorSearch(async (sql, params) => (statements.push(sql), execute(sql, params)), "auto");
}, 120_000);

afterAll(async () => {
  await pg?.close();
});

describe("exact search on PostgreSQL without pgvector", () => {
  const exact = () => exactVectorSearch(prismaExecutor(db));

  it("is what a server without the extension gets; requiring pgvector there is an error", async () => {
    expect((await vectorSearchFor(db)).kind).toBe("exact");
    await expect(detectVectorSearch(prismaExecutor(db), "pgvector")).rejects.toThrow(/AI_VECTOR_SEARCH=pgvector/);
  });

  it("finds a chunk by its own embedding first, most similar first", async () => {
    const chunk = await db.knowledgeChunk.findFirstOrThrow({ orderBy: { id: "asc" } });
    const found = await exact().nearest({ modelId: LOCAL_EMBEDDING_MODEL, embedding: chunk.embedding, limit: 10 });
    expect(found).toHaveLength(10);
    expect(found[0]).toMatchObject({ id: chunk.id, similarity: expect.closeTo(1, 6) });
    for (let i = 1; i < found.length; i++) expect(found[i]!.similarity).toBeLessThanOrEqual(found[i - 1]!.similarity);
  });

  it("never mixes in chunks of another model or another dimension", async () => {
    const chunk = await db.knowledgeChunk.findFirstOrThrow({ orderBy: { id: "asc" } });
    const other = await db.knowledgeChunk.create({
      data: {
        documentId: chunk.documentId,
        position: 10_000,
        text: "x",
        embedding: chunk.embedding,
        embeddingModel: "test:other",
      },
    });
    const shorter = await db.knowledgeChunk.create({
      data: {
        documentId: chunk.documentId,
        position: 10_001,
        text: "y",
        embedding: [1, 0, 0],
        embeddingModel: LOCAL_EMBEDDING_MODEL,
      },
    });
    const ids = (await exact().nearest({ modelId: LOCAL_EMBEDDING_MODEL, embedding: chunk.embedding, limit: 500 })).map(
      (n) => n.id,
    );
    expect(ids).toContain(chunk.id);
    expect(ids).not.toContain(other.id);
    expect(ids).not.toContain(shorter.id);
    const otherModel = await exact().nearest({ modelId: "test:other", embedding: chunk.embedding, limit: 500 });
    expect(otherModel.map((n) => n.id)).toEqual([other.id]);
    await db.knowledgeChunk.deleteMany({ where: { id: { in: [other.id, shorter.id] } } });
  });
});

describe("pgvector on PGlite", () => {
  it("is detected, and the extension created, where the server has it", async () => {
    expect(pgvector.kind).toBe("pgvector");
    expect(statements).toContain("CREATE EXTENSION IF NOT EXISTS vector");
    const { rows } = await pg.query<{ extversion: string }>(
      `SELECT extversion FROM pg_extension WHERE extname = 'vector'`,
    );
    expect(rows).toHaveLength(1);
  });

  it("ranks the help centre's chunks like exact search on PostgreSQL", async () => {
    await pgvector.ensureIndex(LOCAL_EMBEDDING_MODEL, 512);
    const exact = exactVectorSearch(prismaExecutor(db));
    let sameTop5 = 0;
    for (const question of questions) {
      const embedding = embedText(question);
      const query = { modelId: LOCAL_EMBEDDING_MODEL, embedding, limit: 10 };
      const [expected, actual] = await Promise.all([exact.nearest(query), pgvector.nearest(query)]);
      // vector(n) holds 32-bit floats: similarities agree to ~6 digits, so near-ties may swap.
      actual.forEach((n, i) => expect(n.similarity).toBeCloseTo(expected[i]!.similarity, 5));
      if (actual.slice(0, 5).every((n, i) => n.id === expected[i]!.id)) sameTop5++;
    }
    expect(sameTop5 / questions.length).toBeGreaterThanOrEqual(0.95);
  });

  it("creates one partial HNSW index per model and dimension, once", async () => {
    await pgvector.ensureIndex(LOCAL_EMBEDDING_MODEL, 512);
    await pgvector.ensureIndex("test:other", 512);
    await pgvector.ensureIndex("test:other", 512);
    const { rows } = await pg.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'KnowledgeChunk' AND indexdef LIKE '%hnsw%' ORDER BY 1`,
    );
    expect(rows.map((r) => r.indexname).sort()).toEqual(
      [vectorIndexName(LOCAL_EMBEDDING_MODEL, 512), vectorIndexName("test:other", 512)].sort(),
    );
    const local = rows.find((r) => r.indexname === vectorIndexName(LOCAL_EMBEDDING_MODEL, 512))!;
    expect(local.indexdef).toMatch(/vector\(512\).*vector_ip_ops.*"embeddingModel"\)::text = 'local:lexical-512'/);
  });

  it("answers from the index on a larger table, with the right neighbours", async () => {
    const embeddings = randomUnitVectors(3_000, 32);
    await insertChunks(pg, "test:random-32", generated("random", embeddings));
    await pgvector.ensureIndex("test:random-32", 32);
    await pg.exec(`ANALYZE "KnowledgeChunk"`);
    statements.length = 0;
    const found = await pgvector.nearest({ modelId: "test:random-32", embedding: embeddings[42]!, limit: 10 });
    expect(found[0]).toMatchObject({ id: "random-42", similarity: expect.closeTo(1, 5) });
    const plan = await pg.query<{ "QUERY PLAN": string }>(`EXPLAIN ${statements.at(-1)}`, [
      `[${embeddings[42]!.join(",")}]`,
      10,
    ]);
    expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toContain(
      `Index Scan using "${vectorIndexName("test:random-32", 32)}"`,
    );
    const exact = await exactVectorSearch(pgliteExecutor(pg)).nearest({
      modelId: "test:random-32",
      embedding: embeddings[42]!,
      limit: 10,
    });
    const recall = found.filter((n) => exact.some((e) => e.id === n.id)).length / exact.length;
    expect(recall).toBeGreaterThanOrEqual(0.8);
  });

  it("never mixes in chunks of another model, on either path", async () => {
    const embedding = embedText("How long do I have to return something?");
    await insertChunks(pg, "test:other", generated("other", [embedding]));
    for (const search of [pgvector, exactVectorSearch(pgliteExecutor(pg))]) {
      const local = await search.nearest({ modelId: LOCAL_EMBEDDING_MODEL, embedding, limit: 40 });
      expect(local.length).toBeGreaterThan(0);
      expect(local.map((n) => n.id)).not.toContain("other-0");
      const other = await search.nearest({ modelId: "test:other", embedding, limit: 40 });
      expect(other.map((n) => n.id)).toEqual(["other-0"]);
    }
  });

  it("indexes embeddings wider than 2,000 dimensions as halfvec", async () => {
    const embeddings = randomUnitVectors(20, 3_072, 11);
    await insertChunks(pg, "test:wide-3072", generated("wide", embeddings));
    const search = pgvectorSearch(pgliteExecutor(pg), "public");
    await search.ensureIndex("test:wide-3072", 3_072);
    const { rows } = await pg.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE indexname = $1`, [
      vectorIndexName("test:wide-3072", 3_072),
    ]);
    expect(rows[0]?.indexdef).toMatch(/halfvec\(3072\).*halfvec_ip_ops/);
    const found = await search.nearest({ modelId: "test:wide-3072", embedding: embeddings[3]!, limit: 5 });
    expect(found[0]?.id).toBe("wide-3");
  });
});

describe("choosing the implementation", () => {
  it("falls back to exact, warning once, when this role may not create the extension", async () => {
    const restricted = await knowledgeDatabase({ withVector: true });
    await restricted.exec(`CREATE ROLE app LOGIN; GRANT ALL ON ALL TABLES IN SCHEMA public TO app; SET ROLE app`);
    const logs = captureLogs();
    try {
      const search = await detectVectorSearch(pgliteExecutor(restricted), "auto", getLogger());
      expect(search.kind).toBe("exact");
      expect(await search.nearest({ modelId: LOCAL_EMBEDDING_MODEL, embedding: embedText("x"), limit: 5 })).toEqual([]);
      const warnings = logs.lines().filter((l) => l.level === "warn");
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ vectorSearch: "exact", reason: expect.stringMatching(/permission denied/) });
      await expect(detectVectorSearch(pgliteExecutor(restricted), "pgvector", getLogger())).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      logs.restore();
      await restricted.close();
    }
  });

  it("uses exact where the server has no pgvector, or when AI_VECTOR_SEARCH=exact", async () => {
    const plain = await knowledgeDatabase({ withVector: false });
    try {
      expect((await detectVectorSearch(pgliteExecutor(plain), "auto")).kind).toBe("exact");
    } finally {
      await plain.close();
    }
    expect((await detectVectorSearch(pgliteExecutor(pg), "exact")).kind).toBe("exact");
  });

  it("accepts real model ids and refuses ones that could break out of the index's SQL", () => {
    for (const id of ["local:lexical-512", "openai:text-embedding-3-small", "compatible:BAAI/bge-small-en-v1.5"])
      expect(checkedModelId(id)).toBe(id);
    for (const id of ['x\'; DROP TABLE "KnowledgeChunk"; --', "a b", "", "x".repeat(101)])
      expect(() => checkedModelId(id)).toThrow(/unsupported characters/);
    expect(() => vectorIndexName("evil'", 512)).toThrow();
    expect(() => vectorIndexName("local:x", 0)).toThrow(/dimension/);
  });
});
