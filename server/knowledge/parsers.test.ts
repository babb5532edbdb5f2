import { describe, expect, it } from "vitest";
import { chunkBlocks } from "./chunking";
import { makePdf } from "./fixtures/make-pdf";
import { htmlBlocks, htmlTitle } from "./html-blocks";
import { NoTextError, parseDocument } from "./parsers";
import { linesOf, paragraphsOf } from "./pdf-blocks";

const page = `<!DOCTYPE html>
<html lang="en">
<head>
  <title>Shipping guide</title>
  <style>body { color: red }</style>
  <script>window.track("secret-tracking-call")</script>
</head>
<body>
  <nav><a href="/">Home</a></nav>
  <h1>Shipping</h1>
  <p>We ship   to 30 countries.<br>Orders leave within a day.</p>
  <h2>Costs &amp; times</h2>
  <table>
    <thead><tr><th>Method</th><th>Days</th><th>Price</th></tr></thead>
    <tbody><tr><td>Standard</td><td>3–5</td><td>$4.99</td></tr></tbody>
  </table>
  <h3>Express</h3>
  <ul><li>Next-day <strong>delivery</strong></li><li>Before noon</li></ul>
  <noscript>Turn on JavaScript</noscript>
  <h2>Customs</h2>
  <pre>Line one
  indented line</pre>
  <div>Duties are <em>included</em>.</div>
</body>
</html>`;

describe("HTML parsing", () => {
  it("keeps paragraphs, list items and table rows under their heading path, without scripts or styles", async () => {
    expect(await htmlBlocks(page, "Shipping guide")).toEqual([
      { heading: "Shipping guide", text: "Home" },
      { heading: "Shipping", text: "We ship to 30 countries.\nOrders leave within a day." },
      { heading: "Shipping › Costs & times", text: "Method | Days | Price" },
      { heading: "Shipping › Costs & times", text: "Standard | 3–5 | $4.99" },
      { heading: "Shipping › Costs & times › Express", text: "Next-day delivery" },
      { heading: "Shipping › Costs & times › Express", text: "Before noon" },
      { heading: "Shipping › Customs", text: "Line one\n  indented line" },
      { heading: "Shipping › Customs", text: "Duties are included." },
    ]);
  });

  it("starts the path with the title when the page has no h1", async () => {
    const blocks = await htmlBlocks("<h2>Care</h2><p>Wash cold.</p><p>Dry flat.</p>", "Sizes");
    expect(blocks.map((b) => b.heading)).toEqual(["Sizes › Care", "Sizes › Care"]);
  });

  it("reads a page larger than one parser slice, split anywhere", async () => {
    const paragraphs = Array.from({ length: 6000 }, (_, i) => `<p>Paragraph number ${i} &amp; more text here.</p>`);
    const blocks = await htmlBlocks(`<h1>Big</h1>${paragraphs.join("\n")}`);
    expect(blocks).toHaveLength(6000);
    expect(blocks.at(-1)).toEqual({ heading: "Big", text: "Paragraph number 5999 & more text here." });
  });

  it("finds the title, else the first h1", () => {
    expect(htmlTitle(page)).toBe("Shipping guide");
    expect(htmlTitle("<body><h1> Returns &amp; refunds </h1></body>")).toBe("Returns & refunds");
    expect(htmlTitle("<p>No heading</p>")).toBeNull();
  });
});

describe("PDF parsing", () => {
  it("extracts each page's paragraphs under 'Page N'", async () => {
    const pdf = makePdf([
      ["Warranty", "", "Every item has a two-year warranty", "against defects.", "", "Keep your receipt."],
      ["Claims go through support."],
    ]);
    const blocks = await parseDocument(pdf, "application/pdf", "Warranty terms");
    expect(blocks).toEqual([
      { heading: "Warranty terms › Page 1", text: "Warranty" },
      { heading: "Warranty terms › Page 1", text: "Every item has a two-year warranty against defects." },
      { heading: "Warranty terms › Page 1", text: "Keep your receipt." },
      { heading: "Warranty terms › Page 2", text: "Claims go through support." },
    ]);
    expect(chunkBlocks(blocks).map((c) => c.heading)).toEqual(["Warranty terms › Page 1", "Warranty terms › Page 2"]);
  });

  it("rebuilds lines from baselines and joins a hyphenated line end", () => {
    const item = (str: string, y: number, hasEOL = false) => ({ str, y, height: 10, hasEOL });
    const lines = linesOf([item("Self-", 700), item("service", 688, true), item("Column", 750), item("two", 740)]);
    expect(lines.map((l) => l.text)).toEqual(["Self-", "service", "Column", "two"]);
    // Moving back up the page (a new column) starts a new paragraph.
    expect(paragraphsOf(lines)).toEqual(["Self-service", "Column two"]);
  });

  it("fails clearly on a PDF without text", async () => {
    await expect(parseDocument(makePdf([[]]), "application/pdf", "Scan")).rejects.toThrow(NoTextError);
    await expect(parseDocument(makePdf([[]]), "application/pdf", "Scan")).rejects.toThrow(/selectable text/);
  });
});

describe("parseDocument", () => {
  it("reads Markdown and plain text from a string or UTF-8 bytes", async () => {
    const markdown = "# Returns\n\n## Window\nWithin 30 days.";
    expect(await parseDocument(markdown, "text/markdown", "x")).toEqual([
      { heading: "Returns › Window", text: "Within 30 days." },
    ]);
    const bytes = new TextEncoder().encode("Café opening hours.\n\nClosed on Sundays.");
    expect(await parseDocument(bytes, "text/plain", "Hours")).toEqual([
      { heading: "Hours", text: "Café opening hours." },
      { heading: "Hours", text: "Closed on Sundays." },
    ]);
  });

  it("refuses types it does not know and documents without text", async () => {
    await expect(parseDocument("x", "image/png", "Logo")).rejects.toThrow(/image\/png/);
    await expect(parseDocument("   \n\n ", "text/plain", "Blank")).rejects.toThrow(NoTextError);
  });
});
