import "server-only";
import { Parser } from "htmlparser2";
import type { Block } from "./chunking";

/**
 * HTML → paragraphs under their heading path, like `markdownBlocks`: h1–h6 set the path; each
 * paragraph, list item, table row (cells joined by " | ") and other block element becomes a
 * block; scripts, styles and other non-text elements are dropped. htmlparser2 streams, so a big
 * page is fed in slices with a turn of the event loop between them.
 */

/** Elements whose text never reaches a reader. */
const SKIPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "title",
  "svg",
  "math",
  "iframe",
  "object",
  "canvas",
]);

/** Elements that end the text before them and start a new block. */
const BLOCK_ELEMENTS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "caption",
  "dd",
  "details",
  "dialog",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "ul",
]);

const HEADING = /^h([1-6])$/;

/** Characters fed to the parser between two turns of the event loop. */
const SLICE_CHARS = 256 * 1024;

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();

export async function htmlBlocks(html: string, title = ""): Promise<Block[]> {
  const collector = new BlockCollector(title);
  const parser = new Parser(collector.handlers(), { decodeEntities: true, lowerCaseTags: true });
  for (let start = 0; start < html.length; start += SLICE_CHARS) {
    parser.write(html.slice(start, start + SLICE_CHARS));
    if (start + SLICE_CHARS < html.length) await new Promise((resolve) => setImmediate(resolve));
  }
  parser.end();
  return collector.finish();
}

/** The page's <title>, else its first h1, from the start of the document; null when it has neither. */
export function htmlTitle(html: string): string | null {
  const found: { title?: string; h1?: string } = {};
  let inside: "title" | "h1" | null = null;
  const parser = new Parser(
    {
      onopentag: (name) => {
        if ((name === "title" || name === "h1") && found[name] === undefined) inside = name;
      },
      ontext: (text) => {
        if (inside) found[inside] = (found[inside] ?? "") + text;
      },
      onclosetag: (name) => {
        if (name === inside) inside = null;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html.slice(0, 64 * 1024));
  parser.end();
  return collapse(found.title ?? "") || collapse(found.h1 ?? "") || null;
}

/** The parser's callbacks and the state they share while walking one document. */
class BlockCollector {
  private readonly blocks: Block[] = [];
  /** path[level - 1] is the current heading of that level; the title stands in for a missing h1. */
  private readonly path: string[];
  private skipDepth = 0;
  private preDepth = 0;
  private text = "";
  private heading: { level: number; text: string } | null = null;
  /** Cells of the table row being read, or null outside a row. */
  private cells: string[] | null = null;

  constructor(title: string) {
    this.path = title ? [title] : [];
  }

  handlers() {
    return {
      onopentag: (name: string) => this.open(name),
      onclosetag: (name: string) => this.close(name),
      ontext: (text: string) => this.addText(text),
    };
  }

  finish(): Block[] {
    this.flush();
    return this.blocks;
  }

  private open(name: string) {
    if (SKIPPED.has(name)) this.skipDepth++;
    if (this.skipDepth) return;
    if (BLOCK_ELEMENTS.has(name)) this.flush();
    const level = HEADING.exec(name)?.[1];
    if (level) {
      this.flush();
      this.heading = { level: Number(level), text: "" };
    } else if (name === "tr") this.cells = [];
    else if (name === "td" || name === "th") this.flushCellText();
    else if (name === "br") this.text += "\n";
    else if (name === "pre") this.preDepth++;
  }

  private close(name: string) {
    if (SKIPPED.has(name)) {
      this.skipDepth = Math.max(0, this.skipDepth - 1);
      return;
    }
    if (this.skipDepth) return;
    if (BLOCK_ELEMENTS.has(name)) this.flush();
    if (HEADING.test(name) && this.heading) this.closeHeading();
    else if (name === "td" || name === "th") this.flushCellText();
    else if (name === "tr") this.closeRow();
    else if (name === "pre") this.preDepth = Math.max(0, this.preDepth - 1);
  }

  private addText(text: string) {
    if (this.skipDepth) return;
    if (this.heading) this.heading.text += text;
    else this.text += this.preDepth ? text : text.replace(/\s+/g, " ");
  }

  private closeHeading() {
    const { level, text } = this.heading!;
    this.heading = null;
    const heading = collapse(text);
    if (!heading) return;
    this.path.length = level - 1;
    this.path[level - 1] = heading;
  }

  private flushCellText() {
    if (!this.cells) return;
    const cell = collapse(this.text);
    this.text = "";
    if (cell) this.cells.push(cell);
  }

  private closeRow() {
    this.flushCellText();
    const row = this.cells?.join(" | ") ?? "";
    this.cells = null;
    if (row) this.push(row);
  }

  /** Ends the text gathered so far as a block (inside a table row it waits for the row's end). */
  private flush() {
    if (this.cells) return;
    const text = this.preDepth
      ? this.text.replace(/^\n+|\s+$/g, "")
      : this.text
          .split("\n")
          .map((line) => line.replace(/\s+/g, " ").trim())
          .filter(Boolean)
          .join("\n");
    this.text = "";
    if (text) this.push(text);
  }

  private push(text: string) {
    this.blocks.push({ heading: this.path.filter(Boolean).join(" › "), text });
  }
}
