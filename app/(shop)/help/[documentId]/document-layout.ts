import { splitOverlap } from "./overlap";

/**
 * Passages (retrieval chunks) → a document to read. Chunks of one section overlap: each starts
 * with the end of the one before. Read in order, that text must appear once, yet a citation of
 * passage k must still light up all of k's text, overlap included. So each section becomes one
 * text with every overlap once, and each passage a [start, end) range of it: ranges of
 * neighbours overlap exactly where the chunks did, and `text.slice(start, end)` is the passage.
 */

export interface Passage {
  position: number;
  /** Heading path, "Shipping › Delivery options" (chunking joins it with " › "). */
  heading: string;
  text: string;
}

export interface PassageRange {
  position: number;
  start: number;
  end: number;
}

export interface SectionHeading {
  level: 2 | 3 | 4 | 5 | 6;
  text: string;
}

export interface DocumentSection {
  /** Headings opened where this section starts, outermost first (none when only the title). */
  headings: SectionHeading[];
  text: string;
  passages: PassageRange[];
}

const HEADING_SEPARATOR = " › ";

/** The heading path below the document title (the page's h1), which chunking puts first. */
function headingPath(heading: string, title: string): string[] {
  const path = heading ? heading.split(HEADING_SEPARATOR) : [];
  return path[0] === title ? path.slice(1) : path;
}

/** The headings of `path` that the previous section did not already open, as h2…h6. */
function openedHeadings(path: readonly string[], previous: readonly string[]): SectionHeading[] {
  let shared = 0;
  while (shared < path.length && path[shared] === previous[shared]) shared++;
  // A section with the same path as the one before (two "FAQ"s in a row) still shows its heading.
  if (shared === path.length && path.length && path.length === previous.length) shared--;
  return path.slice(shared).map((text, i) => ({ level: Math.min(2 + shared + i, 6) as SectionHeading["level"], text }));
}

/** Passages in position order (one window of a document) → its sections. */
export function layoutDocument(title: string, passages: readonly Passage[]): DocumentSection[] {
  const sections: DocumentSection[] = [];
  let previousPath: string[] = [];
  let previous: Passage | undefined;
  for (const passage of passages) {
    const section = sections.at(-1);
    const [repeated, rest] = splitOverlap(previous, passage);
    const continues = section && previous && previous.heading === passage.heading && repeated !== null;
    if (continues) {
      // `repeated` ends the section's text: this passage starts that far back.
      const start = section.text.length - repeated.length;
      section.text = `${section.text}\n\n${rest}`;
      section.passages.push({ position: passage.position, start, end: section.text.length });
    } else {
      const path = headingPath(passage.heading, title);
      sections.push({
        headings: openedHeadings(path, previousPath),
        text: passage.text,
        passages: [{ position: passage.position, start: 0, end: passage.text.length }],
      });
      previousPath = path;
    }
    previous = passage;
  }
  return sections;
}

export interface Segment {
  start: number;
  end: number;
  /** Positions of the passages whose range holds the whole segment. */
  positions: number[];
}

/**
 * [from, to) of a section's text cut at every passage boundary inside it, each piece with the
 * passages it belongs to: highlighting passage k is highlighting the pieces that list k.
 */
export function segmentsOf(ranges: readonly PassageRange[], from: number, to: number): Segment[] {
  const cuts = new Set([from, to]);
  for (const r of ranges) for (const edge of [r.start, r.end]) if (edge > from && edge < to) cuts.add(edge);
  const points = [...cuts].sort((a, b) => a - b);
  return points.slice(1).map((end, i) => {
    const start = points[i]!;
    const positions = ranges.filter((r) => r.start <= start && end <= r.end).map((r) => r.position);
    return { start, end, positions };
  });
}

/**
 * Chunking cuts a long table between rows and packs the pieces as paragraphs ("\n\n" apart),
 * which would end the table there. Rows on both sides of a blank line are one table again: the
 * blank line becomes a newline and an indent, so every offset (and passage range) stays put.
 */
export const mendSplitTables = (markdown: string) => markdown.replace(/(?<=^\|[^\n]*)\n\n(?=\|)/gm, "\n ");
