interface Passage {
  heading: string;
  text: string;
}

/** The overlap is a short tail (CHUNK_OVERLAP_CHARS); no need to look further than this. */
const MAX_OVERLAP_CHARS = 1000;

/**
 * Passages of one section start with the end of the one before (chunking overlaps them so a fact
 * on a boundary is whole in one). Read in order that part repeats: split it off so the viewer
 * writes it once (document-layout.ts). The repeat is the start of this passage, up to a blank
 * line, that ends the previous one (it may begin mid-paragraph there: chunking cuts the tail at a
 * sentence or word). Returns [repeated part or null, the rest].
 */
export function splitOverlap(previous: Passage | undefined, passage: Passage): [string | null, string] {
  if (!previous || previous.heading !== passage.heading) return [null, passage.text];
  let repeated: string | null = null;
  for (let cut = passage.text.indexOf("\n\n"); cut >= 0 && cut <= MAX_OVERLAP_CHARS;) {
    const head = passage.text.slice(0, cut);
    if (previous.text.endsWith(head)) repeated = head;
    cut = passage.text.indexOf("\n\n", cut + 2);
  }
  return repeated === null ? [null, passage.text] : [repeated, passage.text.slice(repeated.length + 2)];
}
