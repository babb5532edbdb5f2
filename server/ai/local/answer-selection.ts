import type { AnswerUnit } from "./answer-units";
import { bm25, termCounts } from "./bm25";
import type { Concept } from "./terms";

/**
 * Chooses what an extractive answer quotes. Each unit scores by BM25 over the question's
 * concepts (bm25.ts; a concept's weight is its rarity across the knowledge base), and a unit
 * from a passage retrieval ranked lower counts less. The best unit answers if it covers enough of
 * the question's weight by itself (else the answer is a refusal); further units join only
 * if they cover parts of the question the answer does not yet (multi-part questions), never a
 * near-repeat.
 */
export interface SelectionOptions {
  maxUnits: number;
  /** Share of the question's concept weight the best unit must cover; below it, a refusal. */
  minCoverage: number;
}

const K1 = 1.2;
const B = 0.5;
const RANK_DECAY = 0.25;
const PREAMBLE_WEIGHT = 0.25;
/** A further unit must cover at least this share of the question that is still uncovered. */
const MIN_GAIN = 0.2;
const MIN_RELATIVE_SCORE = 0.3;
/** Rows of the best row's table that score this close to it answer as well ("how long …?"). */
const SIBLING_ROW_SCORE = 0.7;
const MAX_ROWS = 4;

interface Scored {
  unit: AnswerUnit;
  score: number;
  covered: number[];
}

function scoreUnits(units: readonly AnswerUnit[], concepts: readonly Concept[]): Scored[] {
  const averageLength = units.reduce((n, u) => n + u.terms.length, 0) / Math.max(1, units.length);
  return units.map((unit) => {
    const { score, covered } = bm25(termCounts(unit.terms), unit.terms.length, concepts, {
      k1: K1,
      b: B,
      averageLength,
      context: unit.context,
      subject: unit.subject,
    });
    const weighted = (score / (1 + RANK_DECAY * unit.rank)) * (unit.preamble ? PREAMBLE_WEIGHT : 1);
    return { unit, score: weighted, covered };
  });
}

const normalised = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** The units to quote, best first; empty when the sources do not answer the question. */
export function selectUnits(
  units: readonly AnswerUnit[],
  concepts: readonly Concept[],
  options: SelectionOptions,
): AnswerUnit[] {
  const total = concepts.reduce((sum, c) => sum + c.weight, 0);
  if (!total) return [];
  const scored = scoreUnits(units, concepts)
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.unit.rank - b.unit.rank);
  const best = scored[0];
  if (!best) return [];
  const covered = [...best.covered];
  const share = (coverage: readonly number[]) =>
    coverage.reduce((sum, c, i) => sum + c * concepts[i]!.weight, 0) / total;
  const chosen = [best];
  if (best.unit.table)
    chosen.push(
      ...scored
        .filter((s) => s !== best && s.unit.table === best.unit.table && s.score >= SIBLING_ROW_SCORE * best.score)
        .slice(0, MAX_ROWS - 1),
    );
  for (const candidate of scored.slice(1)) {
    if (chosen.includes(candidate)) continue;
    if (chosen.length >= options.maxUnits) break;
    if (candidate.score < MIN_RELATIVE_SCORE * best.score) break;
    const text = normalised(candidate.unit.text);
    if (chosen.some((c) => normalised(c.unit.text).includes(text) || text.includes(normalised(c.unit.text)))) continue;
    const before = share(covered);
    const after = share(covered.map((c, i) => Math.max(c, candidate.covered[i]!)));
    if (after - before < MIN_GAIN * Math.max(0.1, 1 - before)) continue;
    candidate.covered.forEach((c, i) => (covered[i] = Math.max(covered[i]!, c)));
    chosen.push(candidate);
  }
  // One place must answer the question: quotes from several places that each match a word
  // ("Columbus" in the address, "today" somewhere else) do not add up to an answer.
  if (share(best.covered) < options.minCoverage) return [];
  return chosen.map((s) => s.unit);
}
