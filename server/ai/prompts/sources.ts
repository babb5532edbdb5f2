/**
 * How retrieved passages reach a model: numbered <source> blocks in the instructions. Any
 * model reads them as text; the local extractive model parses them back (parseSources), so the
 * chat code sends the same prompt whichever provider answers.
 */
export interface PromptSource {
  /** 1-based; the answer cites it as [n]. */
  n: number;
  title: string;
  text: string;
  /** "product" for a catalog product (its text starts with its live price and stock). */
  kind?: "document" | "product";
}

const escape = (value: string) => value.replace(/</g, "&lt;");
const unescape = (value: string) => value.replace(/&lt;/g, "<");
const attribute = (value: string) => escape(value).replace(/"/g, "&quot;");

export function formatSources(sources: readonly PromptSource[]): string {
  return sources
    .map(
      (s) =>
        `<source n="${s.n}" title="${attribute(s.title)}"${s.kind ? ` kind="${s.kind}"` : ""}>\n${escape(s.text)}\n</source>`,
    )
    .join("\n");
}

export function parseSources(text: string): PromptSource[] {
  const pattern = /<source n="(\d+)" title="([^"]*)"(?: kind="(document|product)")?>\n([\s\S]*?)\n<\/source>/g;
  return [...text.matchAll(pattern)].map((m) => ({
    n: Number(m[1]),
    title: unescape(m[2]!.replace(/&quot;/g, '"')),
    text: unescape(m[4]!),
    ...(m[3] && { kind: m[3] as "document" | "product" }),
  }));
}
