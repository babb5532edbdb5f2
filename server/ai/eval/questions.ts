import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Fact } from "./metrics";

/**
 * The evaluation's question set (questions.json) and what the runner records per question.
 * The set was written from the help centre and the demo catalog before the assistant was run on
 * it; the held-out split is never used for tuning (the CLI will not print its failures).
 */

export const SPLITS = ["tuned", "held-out"] as const;
export type Split = (typeof SPLITS)[number];

export const CATEGORIES = [
  "policy",
  "casual",
  "multi-part",
  "follow-up",
  "product",
  "tools",
  "unanswerable",
  "non-english",
] as const;
export type Category = (typeof CATEGORIES)[number];

export type Expectation = "answer" | "refusal" | "language";

export interface EvalQuestion {
  id: string;
  split: Split;
  category: Category;
  question: string;
  /** Earlier user questions of the same conversation, asked first as real turns. */
  history?: string[];
  /** The passage that holds the answer: an article (file basename) and a snippet of it. */
  passage?: { document: string; contains: string };
  /** Every fact must be in the answer; an array lists acceptable alternatives. */
  facts?: Fact[];
  /** A demo-catalog product: the runner gives it a fresh price and stock before asking. */
  product?: { slug: string };
  expect: Expectation;
}

export const QUESTIONS_FILE = path.join(process.cwd(), "server/ai/eval/questions.json");

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === "string" && v.length > 0);

/** Reads and checks the set: a malformed entry fails naming its id and field, before any turn runs. */
export async function loadQuestions(file = QUESTIONS_FILE): Promise<EvalQuestion[]> {
  const raw = JSON.parse(await readFile(file, "utf8")) as unknown;
  if (!Array.isArray(raw)) throw new Error(`${file}: expected an array of questions`);
  const ids = new Set<string>();
  return raw.map((entry: Partial<EvalQuestion>, index) => {
    const fail = (field: string) => {
      throw new Error(`${file}: question ${entry.id ?? `#${index}`} has an invalid ${field}`);
    };
    if (typeof entry.id !== "string" || ids.has(entry.id)) fail("id (missing or repeated)");
    ids.add(entry.id!);
    if (!SPLITS.includes(entry.split!)) fail("split");
    if (!CATEGORIES.includes(entry.category!)) fail("category");
    if (typeof entry.question !== "string" || !entry.question.trim()) fail("question");
    if (entry.history !== undefined && !isStringList(entry.history)) fail("history");
    if (entry.passage && (typeof entry.passage.document !== "string" || typeof entry.passage.contains !== "string"))
      fail("passage");
    if (entry.facts && !entry.facts.every((f) => typeof f === "string" || isStringList(f))) fail("facts");
    if (entry.product && typeof entry.product.slug !== "string") fail("product");
    if (!["answer", "refusal", "language"].includes(entry.expect ?? "")) fail("expect");
    return entry as EvalQuestion;
  });
}

/** A cited source as the answer's reader resolves it, and the text that should back the claim. */
export interface CitedSource {
  url: string;
  title: string;
  /** The chunk's text, or the product's name, description, price and stock; null if unresolvable. */
  text: string | null;
}

export interface RetrievedSummary {
  kind: "document" | "product";
  /** The article's file basename, or the product's slug. */
  key: string;
  title: string;
  matchesPassage: boolean;
}

/** What one question produced, scored. Nulls mean "not measured for this question". */
export interface QuestionResult {
  question: EvalQuestion;
  answer: string;
  tools: string[];
  retrieved: RetrievedSummary[];
  hitAt1: boolean | null;
  hitAt5: boolean | null;
  factInAnswer: boolean | null;
  /** Product questions: the answer states the price and availability set just before asking. */
  liveProduct: boolean | null;
  liveExpected: { price: string; stock: number } | null;
  refused: boolean;
  /** Refusal and language questions: refused as expected (the language notice for `language`). */
  correctRefusal: boolean | null;
  /** Answerable questions: refused although they should have been answered. */
  falseRefusal: boolean | null;
  citations: { source: number; sentence: string; supported: boolean }[];
  ttftMs: number | null;
}
