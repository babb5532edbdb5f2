// Runs inside a worker thread of the sentiment pool (sentiment-pool.ts). Plain, erasable
// TypeScript with no project imports: Node loads it directly (type stripping) in every runtime.
import Sentiment from "sentiment";

const analyzer = new Sentiment();

/** AFINN-165 comparative score of the text, squashed to -1 … 1. */
export default function score(text: string): number {
  const { comparative } = analyzer.analyze(text);
  return Math.round(Math.tanh(comparative) * 1000) / 1000;
}
