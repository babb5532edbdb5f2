import type { PromptSource } from "../prompts/sources";
import { textTerms } from "./terms";

/**
 * A source cut into the pieces an extractive answer quotes: sentences; table rows as
 * self-contained facts ("Option: Standard; Delivery time: 3–5 business days; Cost: $4.99.");
 * list items, and each list whole with the line that introduces it ("If nobody is home, the
 * carrier will: …") — never that line alone, which promises items it does not hold.
 */
export interface AnswerUnit {
  /** The source's number, cited after the unit. */
  n: number;
  /** The source's place in the prompt (0 = most relevant to retrieval). */
  rank: number;
  text: string;
  /** The unit's own terms. */
  terms: string[];
  /** Terms of what the unit stands under (heading, table header, list header). */
  context: Set<string>;
  /** A product's name: what every unit of it is about (bm25.ts `subject`). */
  subject?: ReadonlySet<string>;
  /** A document's introduction or a sentence about the page itself: rarely an answer. */
  preamble: boolean;
  /** The price-and-stock line of a product. */
  productSummary: boolean;
  /** Rows of one table share it: an answer may quote the rows that fit equally well. */
  table?: string;
  /** A list item: its list and the line that introduces it, quoted with it ("We cannot accept returns of: …"). */
  list?: { id: string; header: string | null; item: string };
  /** The next sentence of the paragraph: quoted after a sentence too short to stand alone. */
  continuation?: string;
}

const LIST_ITEM = /^\s*(?:[-*+]|\d{1,2}[.)])\s+/;
const TABLE_ROW = /^\s*\|/;
// A product's "Category: Books." line says where it is listed: context, not an answer.
const CATEGORY_LINE = /^Category: /;
const ABOUT_THE_PAGE = /^(this (page|article|guide|section)|everything you need to know|use these|below you)/i;

/** Markdown emphasis and code marks out; the words stay. */
export const plainText = (text: string) =>
  text
    .replace(/\*\*|__|`/g, "")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();

const cellsOf = (row: string) =>
  row
    .replace(/^\s*\||\|\s*$/g, "")
    .split("|")
    .map((c) => plainText(c));
const isSeparatorRow = (row: string) => /^\s*\|?[\s:|-]+\|?\s*$/.test(row) && row.includes("-");

export function splitSentences(text: string): string[] {
  return plainText(text)
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"“(])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function unitsOf(source: PromptSource & { kind?: string }, rank: number): AnswerUnit[] {
  const heading = new Set(textTerms(source.title));
  // A heading without "›" is the document itself: its first paragraph introduces the page.
  const documentRoot = !source.title.includes("›");
  const units: AnswerUnit[] = [];
  // A product's name identifies it: every sentence about it stands under the name (context), so
  // the one that repeats the name does not outrank the one that answers ("is it dishwasher safe?").
  const isProduct = source.kind === "product";
  const add = (text: string, context: Iterable<string>, flags: Partial<AnswerUnit> = {}) => {
    const terms = isProduct ? textTerms(text).filter((t) => !heading.has(t)) : textTerms(text);
    if (terms.length < (isProduct ? 1 : 2) && !flags.productSummary) return;
    units.push({
      n: source.n,
      rank,
      text,
      terms,
      context: new Set([...heading, ...context]),
      ...(isProduct && { subject: heading }),
      preamble: ABOUT_THE_PAGE.test(text),
      productSummary: false,
      ...flags,
    });
  };
  const blocks = source.text.split(/\n\s*\n/);
  let pendingHeader: string | null = null;
  blocks.forEach((block, b) => {
    const lines = block.split("\n").filter((l) => l.trim());
    if (source.kind === "product" && b === 0) {
      add(plainText(lines[0] ?? ""), [], { productSummary: true });
      lines.shift();
    }
    if (lines.length && lines.every((l) => TABLE_ROW.test(l))) {
      const header = lines[1] && isSeparatorRow(lines[1]) ? cellsOf(lines[0]!) : [];
      const context = textTerms(header.join(" "));
      const table = `${source.n}:${b}`;
      for (const row of lines.slice(header.length ? 2 : 0)) {
        if (isSeparatorRow(row)) continue;
        const cells = cellsOf(row);
        const labelled = cells.map((c, j) => (header[j] ? `${header[j]}: ${c}` : c)).filter(Boolean);
        add(`${labelled.join("; ")}.`, context, { table });
      }
      pendingHeader = null;
      return;
    }
    if (source.kind === "product" && lines.length === 1 && CATEGORY_LINE.test(lines[0]!)) return;
    const firstItem = lines.findIndex((l) => LIST_ITEM.test(l));
    const prose = (firstItem < 0 ? lines : lines.slice(0, firstItem)).join(" ");
    const sentences = splitSentences(prose);
    const intro = documentRoot && b === 0;
    const introduces = sentences.at(-1)?.endsWith(":") ? sentences.pop()! : null;
    sentences.forEach((sentence, i) =>
      add(sentence, [], { preamble: intro || ABOUT_THE_PAGE.test(sentence), continuation: sentences[i + 1] }),
    );
    if (firstItem < 0) {
      pendingHeader = introduces;
      return;
    }
    const header = introduces ?? pendingHeader;
    pendingHeader = null;
    const items = lines.slice(firstItem).map((l) => plainText(l.replace(LIST_ITEM, "")).replace(/[;.,]$/, ""));
    const headerTerms = header ? textTerms(header) : [];
    const list = `${source.n}:${b}`;
    for (const item of items) add(`${capitalise(item)}.`, headerTerms, { list: { id: list, header, item } });
    // The whole list under its header, for questions the header answers ("what happens if …").
    if (header && items.length > 1 && items.length <= 8) add(`${header} ${items.join("; ")}.`, []);
  });
  return units;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
