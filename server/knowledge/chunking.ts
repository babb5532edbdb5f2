/**
 * Splits a parsed document into retrieval passages: by headings first, then by paragraphs up to
 * a target size, each chunk starting with the end of the previous one (overlap) so a fact that
 * straddles a boundary is still whole in one chunk. Chunks keep their heading path
 * ("Returns › Refunds"), which retrieval ranks and the UI shows.
 */

export interface Block {
  /** Heading path of the section the block is in. */
  heading: string;
  text: string;
}

export interface Chunk {
  position: number;
  heading: string;
  text: string;
}

export const CHUNK_TARGET_CHARS = 700;
export const CHUNK_OVERLAP_CHARS = 150;

/** Markdown (or plain text) → paragraphs under their heading path. */
export function markdownBlocks(markdown: string, title = ""): Block[] {
  // path[level - 1] is the current heading of that level; a title stands in for a missing "#".
  const path: string[] = title ? [title] : [];
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    const text = paragraph.join("\n").trim();
    if (text) blocks.push({ heading: path.filter(Boolean).join(" › "), text });
    paragraph = [];
  };
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^(#{1,6})\s+(.+?)\s*#*$/.exec(line);
    if (heading) {
      flush();
      const level = heading[1]!.length;
      path.length = level - 1;
      path[level - 1] = heading[2]!.trim();
      continue;
    }
    if (!line.trim()) flush();
    else paragraph.push(line);
  }
  flush();
  return blocks;
}

/** The tail of `text`, cut at a sentence (or word) boundary, about `chars` long. */
function tail(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const cut = text.slice(-chars);
  const sentence = cut.search(/(?<=[.!?])\s+\S/);
  if (sentence >= 0) return cut.slice(sentence).trim();
  const word = cut.indexOf(" ");
  return word >= 0 ? cut.slice(word + 1) : cut;
}

/**
 * A block longer than `target` in pieces of at most `target`, cut after a sentence where there
 * is one, else between words: a page-long paragraph (a PDF, a <pre>, a file without blank lines)
 * must not become one huge passage that no embedding model takes and every answer drags along.
 */
export function splitLongBlock(text: string, target: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > target) {
    const window = rest.slice(0, target + 1);
    const sentenceEnd = Math.max(...[". ", "! ", "? ", "\n"].map((mark) => window.lastIndexOf(mark)));
    const wordEnd = window.lastIndexOf(" ");
    const cut = sentenceEnd > target / 2 ? sentenceEnd + 1 : wordEnd > target / 2 ? wordEnd : target;
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

export function chunkBlocks(blocks: readonly Block[], target = CHUNK_TARGET_CHARS, overlap = CHUNK_OVERLAP_CHARS) {
  return packBlocks(
    blocks.flatMap((b) => splitLongBlock(b.text, target).map((text) => ({ heading: b.heading, text }))),
    target,
    overlap,
  );
}

function packBlocks(blocks: readonly Block[], target: number, overlap: number) {
  const chunks: Chunk[] = [];
  let heading = "";
  let parts: string[] = [];
  const emit = () => {
    if (!parts.length) return;
    chunks.push({ position: chunks.length, heading, text: parts.join("\n\n") });
    parts = [];
  };
  for (const block of blocks) {
    const size = parts.reduce((n, p) => n + p.length, 0);
    if (block.heading !== heading || size + block.text.length > target) {
      const previous = parts.join("\n\n");
      const sameSection = block.heading === heading;
      emit();
      // Overlap only within a section: the next section starts on its own heading.
      if (sameSection && previous) parts.push(tail(previous, overlap));
      heading = block.heading;
    }
    parts.push(block.text);
  }
  emit();
  return chunks;
}
