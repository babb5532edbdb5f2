import "server-only";
import type { Db } from "../db/client";
import { stemOf } from "./local/terms";

/**
 * What the knowledge base says about words, for ranking: how many passages hold each term
 * (its rarity: "shipping" is everywhere in a shipping article, "Hawaii" is not) and the words it
 * uses (to correct a shopper's typo to one of them). Read with PostgreSQL's ts_stat over every
 * chunk, kept per process, and re-read when the chunks change (checked at most every few
 * seconds), so a newly indexed document counts within seconds.
 */
export interface CorpusStats {
  passages: number;
  /** Stem → passages that hold it. */
  frequency: ReadonlyMap<string, number>;
  /** Surface word → passages that hold it (for spelling correction). */
  words: ReadonlyMap<string, number>;
  /** Stems of the words active products' names and descriptions use ("blender", "lantern"). */
  catalog: ReadonlySet<string>;
}

const RECHECK_MS = 5_000;
type Cached = { version: string; checkedAt: number; stats: Promise<CorpusStats> };
/** Per database client (the tests and the evaluation run several in one process). */
const cache = new WeakMap<Db, Cached>();

export async function corpusStats(db: Db): Promise<CorpusStats> {
  const current = cache.get(db);
  if (current && Date.now() - current.checkedAt < RECHECK_MS) return current.stats;
  // Indexing or deleting a document changes the statistics (its indexedAt, the chunk count); so do
  // new, removed or (de)activated products. A stock or price update does not: stats are words.
  const [row] = await db.$queryRaw<{ version: string }[]>`
    SELECT (SELECT count(*)::text || ':' || coalesce(max("indexedAt")::text, '') FROM "KnowledgeDocument")
      || '|' || (SELECT count(*)::text FROM "KnowledgeChunk")
      || '|' || (SELECT count(*) FILTER (WHERE active)::text || ':' || coalesce(max("createdAt")::text, '') FROM "Product")
      AS version`;
  const version = row!.version;
  if (current?.version === version) {
    current.checkedAt = Date.now();
    return current.stats;
  }
  const stats = readStats(db);
  cache.set(db, { version, checkedAt: Date.now(), stats });
  stats.catch(() => cache.delete(db));
  return stats;
}

async function readStats(db: Db): Promise<CorpusStats> {
  const [rows, [count], catalogRows] = await Promise.all([
    db.$queryRaw<{ word: string; ndoc: number }[]>`
      SELECT word, ndoc FROM ts_stat($$SELECT to_tsvector('simple', heading || ' ' || text) FROM "KnowledgeChunk"$$)`,
    db.$queryRaw<{ passages: number }[]>`SELECT count(*)::int AS passages FROM "KnowledgeChunk"`,
    db.$queryRaw<{ word: string }[]>`
      SELECT word FROM ts_stat($$SELECT to_tsvector('simple', name || ' ' || description) FROM "Product" WHERE active$$)`,
  ]);
  const passages = count!.passages;
  const words = new Map<string, number>();
  const frequency = new Map<string, number>();
  for (const { word, ndoc } of rows) {
    if (!/^[\p{L}\p{N}]+$/u.test(word)) continue;
    words.set(word, ndoc);
    const stem = stemOf(word);
    // Words of one stem can share passages: the most frequent word is a lower bound, their sum
    // an upper one; the upper bound errs toward "common", the safe side for ranking.
    frequency.set(stem, Math.min(passages, (frequency.get(stem) ?? 0) + ndoc));
  }
  const catalog = new Set(catalogRows.filter((r) => /^\p{L}+$/u.test(r.word)).map((r) => stemOf(r.word)));
  return { passages, frequency, words, catalog };
}

/** BM25's inverse document frequency; a term no passage holds weighs the most. */
export function rarity(stats: CorpusStats, stem: string): number {
  const n = stats.frequency.get(stem) ?? 0;
  return Math.log(1 + (stats.passages - n + 0.5) / (n + 0.5));
}

// Shorter words have too many neighbours one edit away: "movie" is not a typo of "move".
const MIN_CORRECTED_LENGTH = 6;

/**
 * A word the knowledge base does not use, corrected to the one it most likely meant: the word
 * one edit away (two for long words) — the only one, or one at least three times as common as any
 * other as close ("acount": account, not amount). Null when the word is known, short, or the
 * guess is not clear ("paris": parts? pairs?) — a guess there would turn an off-topic question
 * into an on-topic one.
 */
export function correctSpelling(stats: CorpusStats, word: string): string | null {
  if (word.length < MIN_CORRECTED_LENGTH || stats.words.has(word) || /\d/.test(word)) return null;
  const maxEdits = word.length >= 8 ? 2 : 1;
  // Words of one stem are one guess ("parcel", "parcels"): its closest, most common form.
  const guesses = new Map<string, { word: string; edits: number; count: number }>();
  for (const [candidate, count] of stats.words) {
    if (Math.abs(candidate.length - word.length) > maxEdits || candidate[0] !== word[0]) continue;
    const edits = editDistance(word, candidate, maxEdits);
    if (edits > maxEdits) continue;
    const stem = stemOf(candidate);
    const seen = guesses.get(stem);
    if (!seen || edits < seen.edits || (edits === seen.edits && count > seen.count))
      guesses.set(stem, { word: candidate, edits, count });
  }
  const closest = Math.min(...[...guesses.values()].map((g) => g.edits));
  const [best, next] = [...guesses.values()].filter((g) => g.edits === closest).sort((x, y) => y.count - x.count);
  return best && (!next || best.count >= CLEAR_GUESS_RATIO * next.count) ? best.word : null;
}

const CLEAR_GUESS_RATIO = 3;

/** Damerau–Levenshtein (optimal string alignment), giving up past `max`. */
function editDistance(a: string, b: string, max: number): number {
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, previous2[j - 2]! + 1);
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous2 = previous;
    previous = row;
  }
  return previous[b.length]!;
}
