import type { Element, ElementContent, Root } from "hast";
import { passageAnchor } from "~/server/knowledge/knowledge.schemas";
import { segmentsOf, type PassageRange } from "./document-layout";

/**
 * Marks passages in rendered text: every piece of text becomes a <span data-passages="5 6">
 * naming the passages that hold it, the first piece of passage k carries its anchor id
 * (citations link there), and hidden "Cited passage" / "End of cited passage" labels wait at its
 * ends for the viewer to reveal around the cited one. Works on the HTML tree (hast) of Markdown,
 * whose text nodes keep their offsets in the section's source text, and on plain paragraphs.
 */

export const CITED_LABEL_START = "Cited passage: ";
export const CITED_LABEL_END = " (end of cited passage)";

function label(position: number, edge: "start" | "end"): Element {
  return {
    type: "element",
    tagName: "span",
    properties: { className: ["sr-only"], hidden: true, dataCitedLabel: String(position) },
    children: [{ type: "text", value: edge === "start" ? CITED_LABEL_START : CITED_LABEL_END }],
  };
}

/** One text's pieces as spans; `anchored` and `last` carry state across the whole section. */
class Marker {
  private readonly anchored = new Set<number>();
  /** The last span seen of each passage, which its end label follows. */
  private readonly last = new Map<number, { parent: ElementContent[]; span: Element }>();

  constructor(private readonly ranges: readonly PassageRange[]) {}

  /** `value` sits at [from, to) of the source; pieces are cut only where the text maps 1:1. */
  pieces(value: string, from: number, to: number, out: ElementContent[]) {
    const exact = value.length === to - from;
    // Escapes and entities make the text shorter than its source: keep it whole, in every passage it touches.
    const segments = exact
      ? segmentsOf(this.ranges, from, to)
      : [
          {
            start: from,
            end: to,
            positions: this.ranges.filter((r) => r.start < to && from < r.end).map((r) => r.position),
          },
        ];
    for (const segment of segments) {
      const text = exact ? value.slice(segment.start - from, segment.end - from) : value;
      const span: Element = {
        type: "element",
        tagName: "span",
        properties: { dataPassages: segment.positions.join(" ") },
        children: [{ type: "text", value: text }],
      };
      const starting = segment.positions.filter((p) => !this.anchored.has(p));
      for (const [i, position] of starting.entries()) {
        this.anchored.add(position);
        out.push(label(position, "start"));
        const anchor = { id: passageAnchor(position), tabIndex: -1, className: ["scroll-mt-36", "outline-none"] };
        // Two passages first seen in one piece (only where text could not be cut): one id each.
        if (i === 0) Object.assign(span.properties, anchor);
        else out.push({ type: "element", tagName: "span", properties: anchor, children: [] });
      }
      out.push(span);
      for (const position of segment.positions) this.last.set(position, { parent: out, span });
    }
  }

  /** After the walk: each passage's end label after its last span. */
  closeLabels() {
    for (const [position, { parent, span }] of this.last)
      parent.splice(parent.indexOf(span) + 1, 0, label(position, "end"));
  }
}

/** GFM column alignment as a class: react-markdown would write it as an inline style attribute. */
const ALIGN_CLASS: Record<string, string> = { left: "text-left", center: "text-center", right: "text-right" };

function alignByClass(cell: Element) {
  const align = cell.properties.align;
  delete cell.properties.align;
  cell.properties.className = [ALIGN_CLASS[typeof align === "string" ? align : "left"] ?? "text-left"];
}

function walk(node: Root | Element, marker: Marker) {
  const children: ElementContent[] = [];
  for (const child of node.children) {
    if (child.type === "text") {
      const { start, end } = child.position ?? {};
      // Text without a source position (whitespace between table rows) belongs to no passage.
      if (start?.offset === undefined || end?.offset === undefined) children.push(child);
      else marker.pieces(child.value, start.offset, end.offset, children);
    } else if (child.type === "element") {
      if (child.tagName === "td" || child.tagName === "th") alignByClass(child);
      walk(child, marker);
      children.push(child);
    } else if (child.type !== "doctype") children.push(child);
  }
  node.children = children as typeof node.children;
}

/** The rehype plugin for react-markdown: `rehypePlugins={[[rehypePassages, { ranges }]]}`. */
export function rehypePassages(options: { ranges: readonly PassageRange[] }) {
  return (tree: Root) => {
    const marker = new Marker(options.ranges);
    walk(tree, marker);
    marker.closeLabels();
  };
}

/** Plain text (uploads that are not Markdown): paragraphs split at blank lines, then marked alike. */
export function plainTextTree(text: string, ranges: readonly PassageRange[]): Root {
  const marker = new Marker(ranges);
  const root: Root = { type: "root", children: [] };
  let from = 0;
  for (const part of text.split("\n\n")) {
    if (part.trim()) {
      // Single line breaks stay (an address, a list typed as lines).
      const paragraph: Element = {
        type: "element",
        tagName: "p",
        properties: { className: ["whitespace-pre-line"] },
        children: [],
      };
      marker.pieces(part, from, from + part.length, paragraph.children);
      root.children.push(paragraph);
    }
    from += part.length + 2;
  }
  marker.closeLabels();
  return root;
}
