import type { EmbeddingModelV4 } from "@ai-sdk/provider";

/**
 * Offline embeddings that are honest about what they are: lexical, not semantic. Each text
 * becomes a fixed-size vector of hashed features — words, word pairs and character trigrams of
 * words (the trigrams make "hedphones" land near "headphones") — L2-normalised, so cosine
 * similarity measures shared vocabulary. No model file, no network, deterministic.
 */
export const LEXICAL_DIMENSIONS = 512;

const WEIGHTS = { word: 1, pair: 0.6, trigram: 0.25 } as const;

// Words too common to say anything about a text's topic.
const STOP_WORDS = new Set(
  "a an and are as at be but by can do does for from has have how i if in is it its me my no not of on or our so that the their them then there these they this to was we what when where which who why will with you your".split(
    " ",
  ),
);

export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w));
}

/** FNV-1a, 32 bits: fast, stable across processes and platforms. */
function hash(feature: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    h ^= feature.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function add(vector: Float64Array, feature: string, weight: number) {
  const h = hash(feature);
  // The sign bit spreads collisions around zero instead of piling them up.
  vector[h % vector.length]! += h & 0x80000000 ? -weight : weight;
}

export function embedText(text: string, dimensions = LEXICAL_DIMENSIONS): number[] {
  const vector = new Float64Array(dimensions);
  const words = tokenize(text);
  words.forEach((word, i) => {
    add(vector, `w:${word}`, WEIGHTS.word);
    if (i > 0) add(vector, `p:${words[i - 1]} ${word}`, WEIGHTS.pair);
    const padded = `<${word}>`;
    for (let j = 0; j + 3 <= padded.length; j++) add(vector, `t:${padded.slice(j, j + 3)}`, WEIGHTS.trigram);
  });
  const norm = Math.hypot(...vector);
  return Array.from(vector, (v) => (norm ? v / norm : 0));
}

/** Dot product of two L2-normalised vectors = their cosine similarity. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

export class LexicalEmbeddingModel implements EmbeddingModelV4 {
  readonly specificationVersion = "v4";
  readonly provider = "local";
  readonly maxEmbeddingsPerCall = 2048;
  readonly supportsParallelCalls = true;

  constructor(
    readonly modelId = "lexical-512",
    private readonly dimensions = LEXICAL_DIMENSIONS,
  ) {}

  async doEmbed({ values }: { values: string[] }) {
    return { embeddings: values.map((value) => embedText(value, this.dimensions)), warnings: [] };
  }
}
