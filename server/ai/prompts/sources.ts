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
}

const escape = (value: string) => value.replace(/</g, "&lt;");
const unescape = (value: string) => value.replace(/&lt;/g, "<");

export function formatSources(sources: readonly PromptSource[]): string {
  return sources
    .map((s) => `<source n="${s.n}" title="${escape(s.title).replace(/"/g, "&quot;")}">\n${escape(s.text)}\n</source>`)
    .join("\n");
}

export function parseSources(text: string): PromptSource[] {
  const pattern = /<source n="(\d+)" title="([^"]*)">\n([\s\S]*?)\n<\/source>/g;
  return [...text.matchAll(pattern)].map((m) => ({
    n: Number(m[1]),
    title: unescape(m[2]!.replace(/&quot;/g, '"')),
    text: unescape(m[3]!),
  }));
}
