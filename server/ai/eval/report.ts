import { percentile, rate, rateValue, type Rate } from "./metrics";
import { CATEGORIES, type QuestionResult, type Split } from "./questions";

/** The evaluation's figures for a group of questions (a category, or "all"). */
export interface GroupMetrics {
  n: number;
  hitAt1: Rate;
  hitAt5: Rate;
  factInAnswer: Rate;
  liveProduct: Rate;
  correctRefusal: Rate;
  falseRefusal: Rate;
  citationPrecision: Rate;
  ttftP50Ms: number | null;
  ttftP95Ms: number | null;
}

export type SplitMetrics = Record<string, GroupMetrics>;

const measured = (values: (boolean | null)[]) => values.filter((v): v is boolean => v !== null);

export function groupMetrics(results: readonly QuestionResult[]): GroupMetrics {
  const ttft = results.flatMap((r) => (r.ttftMs === null ? [] : [r.ttftMs]));
  return {
    n: results.length,
    hitAt1: rate(measured(results.map((r) => r.hitAt1))),
    hitAt5: rate(measured(results.map((r) => r.hitAt5))),
    factInAnswer: rate(measured(results.map((r) => r.factInAnswer))),
    liveProduct: rate(measured(results.map((r) => r.liveProduct))),
    correctRefusal: rate(measured(results.map((r) => r.correctRefusal))),
    falseRefusal: rate(measured(results.map((r) => r.falseRefusal))),
    citationPrecision: rate(results.flatMap((r) => r.citations.map((c) => c.supported))),
    ttftP50Ms: percentile(ttft, 50),
    ttftP95Ms: percentile(ttft, 95),
  };
}

/** Per category (in the set's order) and "all", for one split. */
export function splitMetrics(results: readonly QuestionResult[], split: Split): SplitMetrics {
  const ofSplit = results.filter((r) => r.question.split === split);
  const metrics: SplitMetrics = {};
  for (const category of CATEGORIES) {
    const group = ofSplit.filter((r) => r.question.category === category);
    if (group.length) metrics[category] = groupMetrics(group);
  }
  metrics.all = groupMetrics(ofSplit);
  return metrics;
}

const COLUMNS: [string, (m: GroupMetrics) => string][] = [
  ["n", (m) => String(m.n)],
  ["hit@1", (m) => share(m.hitAt1)],
  ["hit@5", (m) => share(m.hitAt5)],
  ["fact", (m) => share(m.factInAnswer)],
  ["product live", (m) => share(m.liveProduct)],
  ["refusal ok", (m) => share(m.correctRefusal)],
  ["false refusal", (m) => share(m.falseRefusal)],
  ["citation prec.", (m) => share(m.citationPrecision)],
  ["TTFT p50 ms", (m) => ms(m.ttftP50Ms)],
  ["TTFT p95 ms", (m) => ms(m.ttftP95Ms)],
];

const share = (r: Rate) => {
  const value = rateValue(r);
  return value === null ? "–" : `${value.toFixed(2)} (${r.hits}/${r.n})`;
};
const ms = (value: number | null) => (value === null ? "–" : String(Math.round(value)));

/** A Markdown table: one row per category, then "all". */
export function formatTable(title: string, metrics: SplitMetrics): string {
  const header = ["category", ...COLUMNS.map(([name]) => name)];
  const rows = Object.entries(metrics).map(([group, m]) => [group, ...COLUMNS.map(([, cell]) => cell(m))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [
    `### ${title}`,
    "",
    line(header),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...rows.map(line),
  ].join("\n");
}

/** Whether a question failed any measure it was measured on. */
export function failed(result: QuestionResult): boolean {
  const checks = [result.hitAt5, result.factInAnswer, result.liveProduct, result.correctRefusal];
  return checks.includes(false) || result.falseRefusal === true || result.citations.some((c) => !c.supported);
}

/** One failed question: what was asked and expected, the answer, and what retrieval returned. */
export function formatFailure(result: QuestionResult): string {
  const q = result.question;
  const missed = [
    result.hitAt1 === false && "hit@1",
    result.hitAt5 === false && "hit@5",
    result.factInAnswer === false && `facts ${JSON.stringify(q.facts)}`,
    result.liveProduct === false && `live product ${JSON.stringify(result.liveExpected)}`,
    result.correctRefusal === false && "no refusal",
    result.falseRefusal === true && "false refusal",
    result.citations.some((c) => !c.supported) && "unsupported citation",
  ].filter(Boolean);
  return [
    `- ${q.id} [${q.category}] ${q.history ? `(after ${JSON.stringify(q.history)}) ` : ""}${q.question}`,
    `  failed: ${missed.join(", ")}`,
    q.passage ? `  expected passage: ${q.passage.document} ∋ "${q.passage.contains}"` : null,
    `  answer: ${result.answer.replace(/\s+/g, " ").slice(0, 400)}`,
    result.tools.length ? `  tools: ${result.tools.join(", ")}` : null,
    `  retrieved: ${result.retrieved.map((r, i) => `${i + 1}. ${r.key} › ${r.title}${r.matchesPassage ? " ✓" : ""}`).join(" | ")}`,
  ]
    .filter((l) => l !== null)
    .join("\n");
}
