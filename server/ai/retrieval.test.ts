import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { HELP_CENTRE_DIR, ingestDocument, upsertHelpCentre } from "../knowledge/ingestion.service";
import { getLogger } from "../observability/logger";
import { reciprocalRankFusion, retrieve } from "./retrieval";

/**
 * Retrieval quality on the seeded help centre: questions written for it, each with the
 * document that answers it. hit@k = share of questions whose document is among the top k
 * passages. The bar is hit@5 ≥ 0.8.
 */
interface Question {
  question: string;
  document: string;
}

let questions: Question[] = [];
const titles = new Map<string, string>();

beforeAll(async () => {
  questions = JSON.parse(await readFile(path.join(HELP_CENTRE_DIR, "questions.json"), "utf8")) as Question[];
  for (const file of new Set(questions.map((q) => q.document))) {
    const text = await readFile(path.join(HELP_CENTRE_DIR, `${file}.md`), "utf8");
    titles.set(file, /^#\s+(.+)$/m.exec(text)![1]!.trim());
  }
  const started = performance.now();
  for (const id of await upsertHelpCentre(db)) await ingestDocument({ db, log: getLogger() }, id);
  console.info(`help centre ingested in ${Math.round(performance.now() - started)} ms`);
});

describe("retrieval on the help centre", () => {
  it("indexes every help-centre document, with progress finished", async () => {
    const docs = await db.knowledgeDocument.findMany({ where: { origin: "help-centre" } });
    expect(docs.length).toBe(titles.size);
    for (const doc of docs) expect(doc).toMatchObject({ status: "READY", progress: 100, stage: null });
    expect(await db.knowledgeChunk.count()).toBeGreaterThanOrEqual(docs.length * 3);
    // A second run finds nothing changed.
    expect(await upsertHelpCentre(db)).toEqual([]);
  });

  it("finds the answering document: hit@5 ≥ 0.8 over the question set", async () => {
    expect(questions.length).toBeGreaterThanOrEqual(30);
    let hit1 = 0;
    let hit5 = 0;
    const misses: string[] = [];
    for (const q of questions) {
      const passages = await retrieve({ db }, q.question, { limit: 5 });
      const expected = titles.get(q.document);
      if (passages[0]?.title === expected) hit1++;
      if (passages.some((p) => p.title === expected)) hit5++;
      else misses.push(`${q.question} → ${q.document} (got ${passages.map((p) => p.title).join(", ")})`);
    }
    const report = { questions: questions.length, hit1: hit1 / questions.length, hit5: hit5 / questions.length };
    console.info(
      `retrieval quality ${JSON.stringify(report)}${misses.length ? `\nmisses:\n${misses.join("\n")}` : ""}`,
    );
    expect(report.hit5).toBeGreaterThanOrEqual(0.8);
  });

  it("returns passages with their heading path, best first", async () => {
    const [best] = await retrieve({ db }, "How long do I have to return something?");
    expect(best).toMatchObject({ heading: expect.stringContaining("›"), text: expect.any(String) });
    expect(best!.score).toBeGreaterThan(0);
  });
});

describe("reciprocal rank fusion", () => {
  it("rewards agreement between the lists", () => {
    const fused = reciprocalRankFusion([
      ["a", "b", "c"],
      ["b", "d"],
    ]);
    const order = [...fused].sort((x, y) => y[1] - x[1]).map(([id]) => id);
    expect(order[0]).toBe("b");
    expect(fused.get("a")).toBeCloseTo(1 / 61);
    expect(fused.get("b")).toBeCloseTo(1 / 62 + 1 / 61);
  });
});
