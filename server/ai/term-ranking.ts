import type { CorpusStats } from "./corpus-stats";
import { rarity } from "./corpus-stats";
import { bm25, termCounts } from "./local/bm25";
import { textTerms, type Concept } from "./local/terms";

/**
 * How retrieval ranks knowledge passages by the question's concepts (ADR 017): each concept
 * weighted by its rarity in the knowledge base (corpus-stats.ts), passages by BM25 over their
 * text and heading.
 */

const K1 = 1.2;
// Passages are chunks of about the same size; a table's many cells should not count against it.
const B = 0.5;
/**
 * A heading names what the passage is about: its own section's words count twice in the text,
 * the words of the path above it (the document's title, which every passage of it shares) once.
 */
const HEADING_TF = 1;
const SECTION_TF = 2;
/**
 * A word no passage holds weighs √2 times the rarest one (rarity enters as a square root): a
 * question about what the help centre never mentions ("population", "fax", "movie") should not be
 * answered by its other words. Half of that if the catalog uses it: "my blender broke" asks about
 * the warranty, not blenders.
 */
const UNKNOWN_WORD_WEIGHT = 2;
const CATALOG_WORD_WEIGHT = 0.5;

/** The concepts, each weighted by its importance in the question times its rarity. */
export const weighByRarity = (stats: CorpusStats, concepts: readonly Concept[]): Concept[] =>
  concepts.map((c) => ({ ...c, weight: c.weight * conceptRarity(stats, c) }));

/** A concept's rarity: its word's, or its rarest synonym's when the word itself is unknown. */
function conceptRarity(stats: CorpusStats, concept: Concept): number {
  const terms = Object.entries(concept.terms);
  const known = terms.filter(([t]) => stats.frequency.has(t));
  const own = known.filter(([, relative]) => relative === 1);
  const forms = own.length ? own : known;
  // Square roots: a rare word should lead, not drown the rest of the question out.
  if (forms.length) return Math.sqrt(Math.max(...forms.map(([t]) => rarity(stats, t))));
  const shopWord = terms.some(([t]) => stats.catalog.has(t));
  return Math.sqrt((shopWord ? CATALOG_WORD_WEIGHT : UNKNOWN_WORD_WEIGHT) * rarity(stats, ""));
}

/**
 * A document's opening passage, under its title alone: it names every topic of the page ("how
 * long you have to send items back, how to start a return, …") and answers none of them.
 */
const INTRODUCTION_WEIGHT = 0.5;
const isIntroduction = (p: { heading: string; position?: number }) => p.position === 0 && !p.heading.includes("›");

/** Passages holding any of the concepts, by BM25 over heading and text. */
export function rankByTerms<P extends { heading: string; text: string; position?: number }>(
  passages: P[],
  concepts: readonly Concept[],
) {
  const counted = passages.map((passage) => {
    const words = textTerms(passage.text);
    const counts = termCounts(words);
    const sections = passage.heading.split(" › ");
    const own = new Set(textTerms(sections.at(-1) ?? ""));
    for (const t of new Set(textTerms(passage.heading)))
      counts.set(t, (counts.get(t) ?? 0) + (own.has(t) ? SECTION_TF : HEADING_TF));
    return { passage, counts, length: words.length };
  });
  const averageLength = counted.reduce((n, c) => n + c.length, 0) / Math.max(1, counted.length);
  return counted
    .map(({ passage, counts, length }) => ({
      passage,
      score:
        bm25(counts, length, concepts, { k1: K1, b: B, averageLength }).score *
        (isIntroduction(passage) ? INTRODUCTION_WEIGHT : 1),
    }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((s) => s.passage);
}
