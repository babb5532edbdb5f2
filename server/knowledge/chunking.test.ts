import { describe, expect, it } from "vitest";
import { CHUNK_OVERLAP_CHARS, CHUNK_TARGET_CHARS, chunkBlocks, markdownBlocks, splitLongBlock } from "./chunking";

const doc = `# Returns

## Return window
You can return any item within 30 days of delivery.

Items must be unused and in their original packaging.

## Refunds
Refunds go back to the original payment method.

### Timing
Refunds arrive within 5 business days after the return reaches us.
`;

describe("chunking", () => {
  it("keeps each paragraph under its heading path", () => {
    expect(markdownBlocks(doc)).toEqual([
      { heading: "Returns › Return window", text: "You can return any item within 30 days of delivery." },
      { heading: "Returns › Return window", text: "Items must be unused and in their original packaging." },
      { heading: "Returns › Refunds", text: "Refunds go back to the original payment method." },
      {
        heading: "Returns › Refunds › Timing",
        text: "Refunds arrive within 5 business days after the return reaches us.",
      },
    ]);
    expect(markdownBlocks("Just text.\n\nMore text.", "Notes").map((b) => b.heading)).toEqual(["Notes", "Notes"]);
  });

  it("never mixes sections, and splits long sections with overlap", () => {
    const sections = chunkBlocks(markdownBlocks(doc));
    expect(sections.map((c) => c.heading)).toEqual([
      "Returns › Return window",
      "Returns › Refunds",
      "Returns › Refunds › Timing",
    ]);
    expect(sections[0]!.text).toContain("original packaging");

    const sentences = Array.from({ length: 12 }, (_, i) => `Sentence number ${i + 1} says something useful.`);
    const long = sentences.map((s) => `${s}\n`).join("\n");
    const chunks = chunkBlocks(markdownBlocks(`## Long\n${long}`), 200, 60);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.map((c) => c.position)).toEqual(chunks.map((_, i) => i));
    // Each chunk after the first starts with the end of the one before it.
    for (let i = 1; i < chunks.length; i++) {
      const overlap = chunks[i]!.text.split("\n\n")[0]!;
      expect(chunks[i - 1]!.text.endsWith(overlap)).toBe(true);
    }
    // Nothing is lost.
    for (const s of sentences) expect(chunks.some((c) => c.text.includes(s))).toBe(true);
  });

  it("cuts a paragraph longer than a chunk at sentences, or between words", () => {
    const sentences = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} says something useful.`).join(" ");
    const chunks = chunkBlocks([{ heading: "Guide", text: sentences }]);
    expect(chunks.length).toBeGreaterThan(20);
    for (const chunk of chunks)
      expect(chunk.text.length).toBeLessThanOrEqual(CHUNK_TARGET_CHARS + CHUNK_OVERLAP_CHARS + 2);
    expect(chunks[1]!.text.split("\n\n").at(-1)).toMatch(/^Sentence number \d+ says/);

    const words = splitLongBlock("word ".repeat(1000).trim(), 100);
    expect(words.every((piece) => piece.length <= 100 && !piece.startsWith(" ") && piece.startsWith("word"))).toBe(
      true,
    );
    expect(words.join(" ")).toBe("word ".repeat(1000).trim());
    expect(splitLongBlock("x".repeat(250), 100)).toEqual(["x".repeat(100), "x".repeat(100), "x".repeat(50)]);
  });
});
