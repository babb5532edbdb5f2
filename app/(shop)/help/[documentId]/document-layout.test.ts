import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DomUtils, parseDocument } from "htmlparser2";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { chunkBlocks, markdownBlocks, type Chunk } from "~/server/knowledge/chunking";
import { DocumentBody } from "./document-body";
import { layoutDocument } from "./document-layout";

const CORPUS = path.resolve(import.meta.dirname, "../../../../server/knowledge/corpus");
const article = (file: string) => {
  const markdown = readFileSync(path.join(CORPUS, file), "utf8");
  const title = /^#\s+(.+)$/m.exec(markdown)![1]!;
  return { title, chunks: chunkBlocks(markdownBlocks(markdown)) };
};
const shipping = article("shipping.md");

/** The body as a DOM, without the hidden "Cited passage" labels (a reader sees none until one is cited). */
function render(title: string, passages: readonly Chunk[], markdown = true) {
  const dom = parseDocument(renderToStaticMarkup(createElement(DocumentBody, { title, passages, markdown })));
  const labels = DomUtils.findAll((e) => "data-cited-label" in e.attribs, dom.children);
  expect(labels.length).toBe(passages.length * 2);
  expect(labels.every((e) => "hidden" in e.attribs)).toBe(true);
  for (const label of labels) DomUtils.removeElement(label);
  return dom;
}
type Dom = ReturnType<typeof parseDocument>;
const all = (dom: Dom, test: (e: { name: string; attribs: Record<string, string> }) => boolean) =>
  DomUtils.findAll(test, dom.children);
const text = (nodes: Parameters<typeof DomUtils.textContent>[0]) => DomUtils.textContent(nodes);
/** The text a passage's pieces hold: what the viewer highlights when it is cited. */
const highlighted = (dom: Dom, position: number) =>
  text(all(dom, (e) => (e.attribs["data-passages"] ?? "").split(" ").includes(String(position))));
/**
 * The passage rendered on its own, as text: what the highlight must equal, whitespace aside and
 * cell borders aside (a passage that starts in a table's last rows is, alone, no table: "| a | b |").
 */
const alone = (chunk: Chunk) => text(render("", [{ ...chunk, heading: "" }]).children).replaceAll("|", "");
const squash = (s: string) => s.replace(/\s+/g, "");

describe("layoutDocument", () => {
  it("writes each overlap once, and each passage's range is exactly its text (the real shipping article)", () => {
    // Passages 5 and 6 share "…duties and taxes…": chunking overlaps the long "Countries" section.
    expect(shipping.chunks[6]!.text.startsWith("duties and taxes")).toBe(true);
    const sections = layoutDocument(shipping.title, shipping.chunks);
    const ranges = sections.flatMap((s) => s.passages.map((p) => ({ ...p, section: s })));
    expect(ranges.map((r) => r.position)).toEqual(shipping.chunks.map((c) => c.position));
    for (const { position, start, end, section } of ranges)
      expect(section.text.slice(start, end)).toBe(shipping.chunks[position]!.text);
    const countries = sections.find((s) => s.headings.some((h) => h.text === "Countries we ship to"))!;
    expect(countries.text.split("duties and taxes for international orders")).toHaveLength(2);
    expect(countries.passages[1]!.start).toBeLessThan(countries.passages[0]!.end); // they overlap
  });

  it("opens each heading once where its section starts, h2 below the title, h3 below that", () => {
    const headings = layoutDocument(shipping.title, shipping.chunks).flatMap((s) => s.headings);
    expect(headings.slice(0, 4)).toEqual([
      { level: 2, text: "Delivery options" },
      { level: 3, text: "Next-day delivery cut-off times" },
      { level: 3, text: "Bulky and heavy items" },
      { level: 2, text: "Shipping costs and free shipping" },
    ]);
    expect(headings.filter((h) => h.text === "Countries we ship to")).toHaveLength(1);
    // A window that starts mid-document names where it is.
    expect(layoutDocument(shipping.title, shipping.chunks.slice(2)).at(0)!.headings).toEqual([
      { level: 2, text: "Delivery options" },
      { level: 3, text: "Next-day delivery cut-off times" },
    ]);
  });
});

describe("the rendered document", () => {
  it("renders Markdown: a real table, lists, emphasis, and no Markdown syntax or passage labels", () => {
    const dom = render(shipping.title, shipping.chunks);
    const html = DomUtils.getOuterHTML(dom);
    const rows = all(dom, (e) => e.name === "tr").map((row) => squash(text(row)));
    expect(rows).toContain("Express1–2businessdaysafterdispatch$12.99");
    expect(all(dom, (e) => e.name === "li").length).toBeGreaterThan(10);
    expect(text(all(dom, (e) => e.name === "strong"))).toContain("2:00 pm Eastern Time (ET)");
    expect(all(dom, (e) => e.name === "h2").map((h) => text(h))).toContain("Countries we ship to");
    const visible = text(dom.children);
    for (const syntax of ["**", "| ---", "- Pay", "Passage 1"]) expect(visible).not.toContain(syntax);
    expect(html.match(/id="passage-\d+"/g)).toHaveLength(shipping.chunks.length);
  });

  it("marks exactly each passage's own text, overlap included, in every help article", () => {
    for (const file of readdirSync(CORPUS).filter((f) => f.endsWith(".md"))) {
      const { title, chunks } = article(file);
      const dom = render(title, chunks);
      // A table chunking cut in pieces is still one table.
      const tables = readFileSync(path.join(CORPUS, file), "utf8").match(/^\|[\s|:-]+\|$/gm)?.length ?? 0;
      expect(
        all(dom, (e) => e.name === "table"),
        file,
      ).toHaveLength(tables);
      for (const chunk of chunks) expect(squash(highlighted(dom, chunk.position)), file).toBe(squash(alone(chunk)));
    }
    // The cut falls inside a paragraph: passage 6 starts mid-sentence, passage 5 still ends the sentence.
    const dom = render(shipping.title, shipping.chunks);
    expect(highlighted(dom, 6).startsWith("duties and taxes")).toBe(true);
    expect(highlighted(dom, 5)).toMatch(/on delivery\.$/);
    expect(highlighted(dom, 4)).not.toContain("We deliver to");
  });

  it("renders no raw HTML, only safe links, and plain-text uploads as paragraphs", () => {
    const hostile = [
      '<script>alert(1)</script> <img src="x" onerror="alert(2)"> <b>bold</b>',
      "[run](javascript:alert(3)) [data](data:text/html,hi) [mail](mailto:help@example.com)",
      "[site](https://example.com/a) [page](/help) ![tracker](https://evil.example/p.png)",
    ].join("\n\n");
    const dom = render("Hostile", [{ position: 0, heading: "Hostile", text: hostile }]);
    const html = DomUtils.getOuterHTML(dom);
    for (const bad of ["<script", "onerror", "<img", "<b>", "javascript:", "data:text"])
      expect(html).not.toContain(bad);
    const links = all(dom, (e) => e.name === "a").map((a) => [a.attribs.href, a.attribs.rel ?? null]);
    expect(links).toEqual([
      ["mailto:help@example.com", null],
      ["https://example.com/a", "noopener noreferrer"],
      ["/help", null],
    ]);
    expect(text(dom.children)).toContain("tracker"); // an image's alt text stays

    // Column alignment without inline style attributes (the CSP's style-src need not allow them).
    const aligned = render("T", [{ position: 0, heading: "T", text: "| a | b |\n| :-: | --: |\n| 1 | 2 |" }]);
    expect(DomUtils.getOuterHTML(aligned)).not.toContain("style=");
    expect(all(aligned, (e) => e.name === "td").map((td) => td.attribs.class)).toEqual(["text-center", "text-right"]);

    const plain = render("Notes", [{ position: 0, heading: "Notes", text: "**not bold**\n\n# not a heading" }], false);
    expect(all(plain, (e) => e.name === "p").map((p) => text(p))).toEqual(["**not bold**", "# not a heading"]);
    expect(all(plain, (e) => e.name === "h2" || e.name === "strong")).toHaveLength(0);
  });
});
