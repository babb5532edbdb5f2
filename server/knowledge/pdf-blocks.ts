import "server-only";
import type { Block } from "./chunking";

/**
 * PDF → paragraphs, each under "<title> › Page N" so a citation can say where it is. PDF text has
 * no paragraph markup: lines are rebuilt from the text items' baselines, and a gap between lines
 * clearly wider than the line spacing (or a jump back up the page: a new column) starts a new
 * paragraph. pdf.js runs without a worker in Node (unpdf's serverless build, nothing downloaded),
 * so each page is its own task with a turn of the event loop between pages.
 */

interface PositionedText {
  str: string;
  /** Baseline, in PDF units from the bottom of the page. */
  y: number;
  height: number;
  hasEOL: boolean;
}

interface Line {
  text: string;
  y: number;
  height: number;
}

/** A gap between baselines this many times the font height starts a new paragraph. */
const PARAGRAPH_GAP = 1.7;

export async function pdfBlocks(bytes: Uint8Array, title = ""): Promise<Block[]> {
  // Loaded on first use: pdf.js is large and only ingestion needs it.
  const { getDocumentProxy } = await import("unpdf");
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const blocks: Block[] = [];
  try {
    for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber++) {
      const page = await pdf.getPage(pageNumber);
      const content = await page.getTextContent();
      const items = content.items.flatMap((item) =>
        "str" in item
          ? [{ str: item.str, y: item.transform[5] as number, height: item.height, hasEOL: item.hasEOL }]
          : [],
      );
      const heading = [title, `Page ${pageNumber}`].filter(Boolean).join(" › ");
      for (const text of paragraphsOf(linesOf(items))) blocks.push({ heading, text });
      page.cleanup();
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    await pdf.loadingTask.destroy();
  }
  return blocks;
}

/** Text items → lines: items on one baseline join, an end-of-line mark or a new baseline ends one. */
export function linesOf(items: readonly PositionedText[]): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  for (const item of items) {
    if (current && Math.abs(current.y - item.y) > Math.max(1, item.height / 2)) {
      lines.push(current);
      current = null;
    }
    if (item.str) {
      current ??= { text: "", y: item.y, height: 0 };
      current.text += item.str;
      current.height = Math.max(current.height, item.height);
    }
    if (item.hasEOL && current) {
      lines.push(current);
      current = null;
    }
  }
  if (current) lines.push(current);
  return lines.filter((line) => line.text.trim());
}

/**
 * Lines → paragraphs. A line ending in a hyphen before a lower-case word joins it without a space,
 * hyphen kept: "self-" + "service" stays right, "exam-" + "ple" stays readable.
 */
export function paragraphsOf(lines: readonly Line[]): string[] {
  const paragraphs: string[] = [];
  let text = "";
  let previous: Line | null = null;
  for (const line of lines) {
    const gap = previous ? previous.y - line.y : 0;
    const height = Math.max(previous?.height ?? 0, line.height, 1);
    if (previous && (gap > PARAGRAPH_GAP * height || gap < 0)) {
      paragraphs.push(text);
      text = "";
    }
    const words = line.text.replace(/\s+/g, " ").trim();
    const joinsWord = /\p{L}-$/u.test(text) && /^\p{Ll}/u.test(words);
    text = !text ? words : joinsWord ? text + words : `${text} ${words}`;
    previous = line;
  }
  if (text) paragraphs.push(text);
  return paragraphs;
}
