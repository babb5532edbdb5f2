import type { Concept } from "./terms";

/**
 * BM25 over a question's concepts: each concept counts once, through whichever of its stems
 * (the word or a synonym) scores best; repeats saturate (k1), long texts pay for their length
 * (b). Terms of what the text stands under (`context`: its heading) count as half an occurrence.
 * Also reports how far each concept is covered: by the word (1) or a synonym (its weight), in
 * the text, or under its heading (CONTEXT_TF of that).
 */
export interface Bm25Options {
  k1: number;
  b: number;
  averageLength: number;
  context?: ReadonlySet<string>;
  /** What the text is about as a whole (a product's name): covers a concept fully, scores as context. */
  subject?: ReadonlySet<string>;
}

const CONTEXT_TF = 0.5;

export function termCounts(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

export function bm25(
  counts: ReadonlyMap<string, number>,
  length: number,
  concepts: readonly Concept[],
  options: Bm25Options,
): { score: number; covered: number[] } {
  const norm = options.k1 * (1 - options.b + (options.b * length) / (options.averageLength || 1));
  let score = 0;
  const covered = concepts.map((concept) => {
    let best = 0;
    let coverage = 0;
    for (const [term, relative] of Object.entries(concept.terms)) {
      const inText = counts.get(term) ?? 0;
      const tf = inText || (options.context?.has(term) ? CONTEXT_TF : 0);
      if (!tf) continue;
      best = Math.max(best, (relative * tf * (options.k1 + 1)) / (tf + norm));
      coverage = Math.max(coverage, relative * (inText || options.subject?.has(term) ? 1 : CONTEXT_TF));
    }
    score += concept.weight * best;
    return coverage;
  });
  return { score, covered };
}
