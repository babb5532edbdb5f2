import { readFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { vector } from "@electric-sql/pglite/vector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/client";
import { PrismaClient } from "../db/generated/prisma/client";
import { readMigrations } from "../db/migrate";
import { reloadEnv } from "../env";
import { HELP_CENTRE_DIR, upsertHelpCentre } from "../knowledge/help-centre";
import { ingestDocument } from "../knowledge/ingestion.service";
import { getLogger } from "../observability/logger";
import { LOCAL_EMBEDDING_MODEL } from "./providers";
import { retrieve } from "./retrieval";
import { vectorIndexName } from "./vector-search";
import { vectorSearchFor } from "./vector-search-setup";

/**
 * The whole path on a PostgreSQL that has pgvector: every migration, ingestion and retrieval
 * through Prisma and @prisma/adapter-pg, against PGlite with its vector extension served over a
 * socket. A second client on the same database is forced to exact search, to compare the two.
 */

interface Question {
  question: string;
  document: string;
}

let pg: PGlite;
let server: PGLiteSocketServer;
let withPgvector: Db;
let withExact: Db;
let questions: Question[] = [];

// PGlite is one session: one connection per client keeps each statement whole.
const clientFor = (url: string): Db => new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) });

beforeAll(async () => {
  pg = await PGlite.create({ extensions: { vector, pg_trgm } });
  for (const migration of await readMigrations()) await pg.exec(migration.sql);
  server = new PGLiteSocketServer({ db: pg, port: 0, maxConnections: 2 });
  await server.start();
  const url = `postgresql://postgres:postgres@${server.getServerConn()}/postgres`;
  withPgvector = clientFor(url);
  for (const id of await upsertHelpCentre(withPgvector))
    await ingestDocument({ db: withPgvector, log: getLogger() }, id);
  process.env.AI_VECTOR_SEARCH = "exact";
  reloadEnv();
  withExact = clientFor(url);
  await vectorSearchFor(withExact);
  delete process.env.AI_VECTOR_SEARCH;
  reloadEnv();
  questions = JSON.parse(await readFile(path.join(HELP_CENTRE_DIR, "questions.json"), "utf8")) as Question[];
}, 120_000);

afterAll(async () => {
  await withPgvector?.$disconnect();
  await withExact?.$disconnect();
  await server?.stop();
  await pg?.close();
});

describe("retrieval on a PostgreSQL with pgvector", () => {
  it("ingestion enables the extension and builds the model's HNSW index", async () => {
    expect((await vectorSearchFor(withPgvector)).kind).toBe("pgvector");
    expect((await vectorSearchFor(withExact)).kind).toBe("exact");
    const { rows } = await pg.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'KnowledgeChunk' AND indexdef LIKE '%USING hnsw%'`,
    );
    expect(rows.map((r) => r.indexname)).toEqual([vectorIndexName(LOCAL_EMBEDDING_MODEL, 512)]);
  });

  it("returns what the exact path returns, and finds the answering document (hit@5 ≥ 0.8)", async () => {
    let same = 0;
    let hit5 = 0;
    for (const q of questions) {
      // One at a time: PGlite serves one statement at a time, whichever connection sends it.
      const viaPgvector = await retrieve({ db: withPgvector }, q.question, { limit: 5 });
      const viaExact = await retrieve({ db: withExact }, q.question, { limit: 5 });
      const ids = (passages: typeof viaExact) => passages.map((p) => (p.kind === "document" ? p.chunkId : p.productId));
      if (ids(viaPgvector).join() === ids(viaExact).join()) same++;
      const article = await readFile(path.join(HELP_CENTRE_DIR, `${q.document}.md`), "utf8");
      const title = /^#\s+(.+)$/m.exec(article)![1]!.trim();
      if (viaPgvector.some((p) => p.title === title)) hit5++;
    }
    // vector(n) holds 32-bit floats, so a near-tie may swap; anything more is a real difference.
    expect(same / questions.length).toBeGreaterThanOrEqual(0.95);
    expect(hit5 / questions.length).toBeGreaterThanOrEqual(0.8);
  });
});
