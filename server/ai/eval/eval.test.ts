import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { getLogger } from "../../observability/logger";
import { normalisePassage } from "./metrics";
import { loadQuestions, SPLITS, type QuestionResult } from "./questions";
import { splitMetrics } from "./report";
import { prepareEvalDatabase, runEvaluation } from "./run-eval";
import { thresholdViolations } from "./thresholds";

// The whole set as real turns on this file's own database: about a minute on a small machine.
const EVALUATION_MS = 600_000;

describe("assistant evaluation (offline local provider)", () => {
  let results: QuestionResult[] = [];

  beforeAll(async () => {
    const log = getLogger();
    await prepareEvalDatabase(db, log);
    results = await runEvaluation(db, log, await loadQuestions());
  }, EVALUATION_MS);

  it("answers every question of the set", async () => {
    expect(results).toHaveLength((await loadQuestions()).length);
    expect(results.every((r) => r.answer.length > 0)).toBe(true);
  });

  it("can find every expected passage: each snippet lies whole inside one indexed chunk of its article", async () => {
    const chunks = await db.knowledgeChunk.findMany({
      select: { text: true, document: { select: { sourceKey: true } } },
    });
    for (const q of (await loadQuestions()).filter((q) => q.passage)) {
      const snippet = normalisePassage(q.passage!.contains);
      const found = chunks.some(
        (c) => c.document.sourceKey === `${q.passage!.document}.md` && normalisePassage(c.text).includes(snippet),
      );
      expect(found, `${q.id}: "${q.passage!.contains}"`).toBe(true);
    }
  });

  it.each(SPLITS)("keeps the %s split at or above its thresholds", (split) => {
    expect(thresholdViolations(split, splitMetrics(results, split))).toEqual([]);
  });
});
