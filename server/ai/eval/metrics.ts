import { tokenize } from "../local/lexical-embedding";

/**
 * Pure scoring functions of the assistant evaluation: text normalisation, facts, citations,
 * sentence support, percentiles. No database, no model: the runner feeds them what it observed.
 */

/**
 * Text as the evaluation compares it: NFKC, lower case, no Markdown emphasis or code ticks, one
 * dash and one apostrophe, whitespace collapsed. "3–5 **business** days" equals "3-5 business days".
 */
export function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\*\*|__|`/g, "")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}

/** As `normalise`, and table pipes and separator rows dropped, so a row matches its Markdown source. */
export function normalisePassage(text: string): string {
  return normalise(text.replace(/\|/g, " ").replace(/-{3,}/g, " "));
}

/** A fact is a value or a list of acceptable alternatives ("$4.99" or ["$4.99", "4.99"]). */
export type Fact = string | readonly string[];

export function containsFact(answer: string, fact: Fact): boolean {
  const text = normalise(answer);
  const alternatives = typeof fact === "string" ? [fact] : fact;
  return alternatives.some((alternative) => text.includes(normalise(alternative)));
}

/** Every fact present (an answer to a two-part question must hold both). */
export const containsAllFacts = (answer: string, facts: readonly Fact[]) =>
  facts.every((fact) => containsFact(answer, fact));

// "[1]", "[1][3]" and "[1, 3]": one bracket holds one or more source numbers.
const MARKER = /\[(\d+(?:\s*,\s*\d+)*)\]/g;

/** The source numbers cited in a piece of text, in order, repeats kept. */
export function citationNumbers(text: string): number[] {
  return [...text.matchAll(MARKER)].flatMap((m) => m[1]!.split(",").map((n) => Number(n.trim())));
}

/** The text without its citation markers. */
export const withoutCitations = (text: string) =>
  text
    .replace(MARKER, "")
    .replace(/\s+([.,;:!?])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();

/**
 * Sentences of an answer. A marker placed after the full stop ("… days. [1]") belongs to the
 * sentence before it, as a reader takes it.
 */
export function splitSentences(text: string): string[] {
  const pieces = text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const sentences: string[] = [];
  for (const piece of pieces) {
    const leading = /^((?:\[\d+(?:\s*,\s*\d+)*\]\s*)+)(.*)$/.exec(piece);
    if (leading && sentences.length) {
      sentences[sentences.length - 1] += ` ${leading[1]!.trim()}`;
      if (leading[2]!.trim()) sentences.push(leading[2]!.trim());
    } else sentences.push(piece);
  }
  return sentences;
}

/** Each citation marker with the sentence it follows (markers removed from the sentence). */
export function citationsWithSentences(answer: string): { source: number; sentence: string }[] {
  return splitSentences(answer).flatMap((sentence) =>
    citationNumbers(sentence).map((source) => ({ source, sentence: withoutCitations(sentence) })),
  );
}

/** A crude stem, enough that "deliveries" meets "delivery" and "returned" meets "return". */
export function stem(word: string): string {
  if (word.length <= 3 || /^\d/.test(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  for (const suffix of ["ing", "ed", "es", "ly", "s"])
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length);
  return word;
}

const contentTokens = (text: string) => tokenize(normalise(text)).map(stem);

/** Share of a sentence's content tokens that the source also contains (1 when it has none). */
export function supportShare(sentence: string, sourceText: string): number {
  const tokens = contentTokens(sentence);
  if (!tokens.length) return 1;
  const source = new Set(contentTokens(sourceText));
  return tokens.filter((t) => source.has(t)).length / tokens.length;
}

/**
 * The citation rule: a cited source supports the sentence when at least 60 % of the sentence's
 * content tokens (the local tokenizer's words without stop words, crudely stemmed) appear in the
 * source's text. Extractive answers quote their source and pass; a sentence pinned to the wrong
 * passage shares few words with it and fails.
 */
export const SUPPORT_SHARE = 0.6;
export const citationSupported = (sentence: string, sourceText: string) =>
  supportShare(sentence, sourceText) >= SUPPORT_SHARE;

/** Nearest-rank percentile of numbers in any order; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A share (hits / n) that is null when nothing was measured, so "no data" never reads as 0 %. */
export interface Rate {
  hits: number;
  n: number;
}

export const rate = (values: readonly boolean[]): Rate => ({ hits: values.filter(Boolean).length, n: values.length });
export const rateValue = (r: Rate): number | null => (r.n ? r.hits / r.n : null);
