import { describe, expect, it } from "vitest";
import {
  citationNumbers,
  citationsWithSentences,
  citationSupported,
  containsAllFacts,
  containsFact,
  normalise,
  normalisePassage,
  percentile,
  rate,
  rateValue,
  splitSentences,
  stem,
  supportShare,
} from "./metrics";
import type { QuestionResult } from "./questions";
import { failed, formatFailure, formatTable, groupMetrics, splitMetrics } from "./report";
import { statesLiveProduct } from "./run-eval";
import { thresholdViolations } from "./thresholds";

describe("normalise", () => {
  it("ignores case, Markdown emphasis, dash and apostrophe variants, and spacing", () => {
    expect(normalise("  Standard: **3–5  Business** days — `after`\n dispatch’s ")).toBe(
      "standard: 3-5 business days - after dispatch's",
    );
    expect(normalise("ｆｕｌｌ－ｗｉｄｔｈ")).toBe("full-width");
    expect(normalise("__bold__")).toBe("bold");
  });

  it("matches a Markdown table row by its cells", () => {
    expect(normalisePassage("| 42  | 8.5    | 10 |\n| --- | ------ |")).toBe("42 8.5 10");
  });
});

describe("facts", () => {
  it("finds a fact whatever its dash or emphasis, and any one of its alternatives", () => {
    expect(containsFact("Standard takes **3-5 business days** [1].", "3–5 business days")).toBe(true);
    expect(containsFact("Express costs 12.99 dollars", ["$12.99", "12.99"])).toBe(true);
    expect(containsFact("Express costs $14.99", ["$12.99", "12.99"])).toBe(false);
  });

  it("requires every fact of a two-part question", () => {
    expect(containsAllFacts("$49, 5–10 business days", ["$49", "5-10 business days"])).toBe(true);
    expect(containsAllFacts("$49 per order", ["$49", "5-10 business days"])).toBe(false);
  });
});

describe("citations", () => {
  it("reads single, adjacent and comma-separated markers", () => {
    expect(citationNumbers("A [1]. B [1][3]. C [2, 4].")).toEqual([1, 1, 3, 2, 4]);
  });

  it("pins each marker to the sentence it follows, also when placed after the full stop", () => {
    expect(splitSentences("Standard takes 3–5 days. [1] Express is $12.99 [2]. Next!")).toEqual([
      "Standard takes 3–5 days. [1]",
      "Express is $12.99 [2].",
      "Next!",
    ]);
    expect(citationsWithSentences("Free over $50 [1][2].\n- Below $50 it costs $4.99 [3]")).toEqual([
      { source: 1, sentence: "Free over $50." },
      { source: 2, sentence: "Free over $50." },
      { source: 3, sentence: "- Below $50 it costs $4.99" },
    ]);
  });

  it("stems plurals and verb endings crudely", () => {
    expect(stem("deliveries")).toBe(stem("delivery"));
    expect(stem("returned")).toBe(stem("returns"));
    expect(stem("days")).toBe("day");
    expect(stem("12")).toBe("12");
  });

  it("counts a sentence supported when 60 % of its content words are in the source", () => {
    const source = "Standard delivery takes 3–5 business days after dispatch and costs $4.99.";
    expect(citationSupported("Standard deliveries take 3–5 business days.", source)).toBe(true);
    expect(citationSupported("Gift cards are valid for 5 years.", source)).toBe(false);
    expect(supportShare("", source)).toBe(1);
  });
});

describe("percentile and rates", () => {
  it("uses the nearest rank on unsorted numbers", () => {
    expect(percentile([50, 10, 40, 20, 30], 50)).toBe(30);
    expect(percentile([50, 10, 40, 20, 30], 95)).toBe(50);
    expect(percentile([], 50)).toBeNull();
  });

  it("keeps 'not measured' apart from zero", () => {
    expect(rateValue(rate([true, false, true, true]))).toBe(0.75);
    expect(rateValue(rate([]))).toBeNull();
  });
});

describe("live product answers", () => {
  it("needs the exact price and the availability that matches the stock", () => {
    expect(statesLiveProduct("It costs $123.45 and is in stock [1].", { price: "123.45", stock: 40 })).toBe(true);
    expect(statesLiveProduct("It costs $123.45; only 3 left.", { price: "123.45", stock: 3 })).toBe(true);
    expect(statesLiveProduct("$123.45, out of stock.", { price: "123.45", stock: 0 })).toBe(true);
    expect(statesLiveProduct("$123.45, out of stock.", { price: "123.45", stock: 12 })).toBe(false);
    expect(statesLiveProduct("$1123.45, in stock.", { price: "123.45", stock: 12 })).toBe(false);
    expect(statesLiveProduct("It is in stock.", { price: "123.45", stock: 12 })).toBe(false);
  });
});

const result = (overrides: Partial<QuestionResult> & Pick<QuestionResult, "question">): QuestionResult => ({
  answer: "An answer.",
  tools: [],
  retrieved: [],
  hitAt1: null,
  hitAt5: null,
  factInAnswer: null,
  liveProduct: null,
  liveExpected: null,
  refused: false,
  correctRefusal: null,
  falseRefusal: null,
  citations: [],
  ttftMs: 10,
  ...overrides,
});

describe("aggregation", () => {
  const policy = { id: "p1", split: "tuned", category: "policy", question: "q", expect: "answer" } as const;
  const refusal = { id: "u1", split: "tuned", category: "unanswerable", question: "q", expect: "refusal" } as const;
  const heldOut = { ...policy, id: "p2", split: "held-out" } as const;
  const results = [
    result({ question: policy, hitAt1: true, hitAt5: true, factInAnswer: true, falseRefusal: false, ttftMs: 20 }),
    result({
      question: { ...policy, id: "p3" },
      hitAt1: false,
      hitAt5: true,
      factInAnswer: false,
      falseRefusal: false,
      citations: [{ source: 1, sentence: "s", supported: false }],
    }),
    result({ question: refusal, refused: true, correctRefusal: true, ttftMs: 5 }),
    result({ question: heldOut, hitAt1: true, hitAt5: true, factInAnswer: true, falseRefusal: false }),
  ];

  it("reports each category and 'all' of one split only", () => {
    const metrics = splitMetrics(results, "tuned");
    expect(Object.keys(metrics)).toEqual(["policy", "unanswerable", "all"]);
    expect(metrics.policy!.hitAt1).toEqual({ hits: 1, n: 2 });
    expect(metrics.all!.n).toBe(3);
    expect(metrics.all!.correctRefusal).toEqual({ hits: 1, n: 1 });
    expect(metrics.all!.citationPrecision).toEqual({ hits: 0, n: 1 });
    expect(metrics.all!.ttftP50Ms).toBe(10);
    expect(groupMetrics([]).hitAt1).toEqual({ hits: 0, n: 0 });
  });

  it("prints a table and names what a failed question missed", () => {
    const table = formatTable("tuned", splitMetrics(results, "tuned"));
    expect(table).toContain("| policy ");
    expect(table).toContain("0.50 (1/2)");
    expect(failed(results[0]!)).toBe(false);
    expect(failed(results[1]!)).toBe(true);
    expect(formatFailure(results[1]!)).toMatch(/failed: hit@1, facts .*unsupported citation/);
  });

  it("flags a split whose figures fall below the thresholds", () => {
    const poor = [result({ question: policy, hitAt1: false, hitAt5: false, factInAnswer: false, falseRefusal: true })];
    const violations = thresholdViolations("tuned", splitMetrics(poor, "tuned"));
    expect(violations).toEqual(expect.arrayContaining([expect.stringMatching(/^tuned hitAt1 0\.000 < /)]));
    expect(violations.some((v) => v.startsWith("tuned falseRefusal 1.000 >"))).toBe(true);
  });
});
