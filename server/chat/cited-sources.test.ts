import type { UIMessageChunk } from "ai";
import { describe, expect, it } from "vitest";
import { citedSourcesTransform, createCitationRewriter, withCitedSources, type CitableSource } from "./cited-sources";

const sources: CitableSource[] = [1, 2, 3, 4, 5].map((n) => ({
  n,
  url: `/help/doc-${n}#passage-${n}`,
  title: `Doc ${n}`,
}));

/** Streams `deltas` through one text part and returns what the shopper sees, and the sources listed. */
function rewriteDeltas(deltas: string[]) {
  const rewriter = createCitationRewriter(sources);
  const outs = [...deltas.map((d) => rewriter.push("t", d)), rewriter.end("t")];
  return {
    text: outs.map((o) => o.text).join(""),
    pieces: outs.map((o) => o.text),
    cited: outs.flatMap((o) => o.cited.map((s) => `${s.n}=${s.title}`)),
  };
}

/** Every way of splitting `text` into two deltas: the result never depends on where it was cut. */
const everySplit = (text: string) => [...Array(text.length + 1).keys()].map((i) => [text.slice(0, i), text.slice(i)]);

describe("cited sources", () => {
  it("keeps line breaks where a marker is dropped, brackets that cite nothing plausible, and stays linear", () => {
    expect(rewriteDeltas(["Line one.\n[9] Next line [2]."]).text).toMatch(/^Line one\.\n ?Next line \[1\]\.$/);
    expect(rewriteDeltas(["EU sizes [38, 40] fit [1]."]).text).toBe("EU sizes [38, 40] fit [1].");
    const started = performance.now();
    rewriteDeltas([" ".repeat(50_000), "[1]".repeat(20_000)]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("renumbers in order of first citation and lists each source once, when first cited", () => {
    const result = rewriteDeltas(["Ships in 3–5 days [3]. ", "Returns are free [1]. ", "Express is faster [3]."]);
    expect(result.text).toBe("Ships in 3–5 days [1]. Returns are free [2]. Express is faster [1].");
    expect(result.cited).toEqual(["1=Doc 3", "2=Doc 1"]);
    expect(result.pieces[0]).toBe("Ships in 3–5 days [1].");
  });

  it("holds back a marker split across deltas, wherever the split falls", () => {
    for (const split of everySplit("Free over $50 [4, 2]. Next [2][5].")) {
      expect(rewriteDeltas(split).text).toBe("Free over $50 [1][2]. Next [2][3].");
    }
    const result = rewriteDeltas(["Free ", "[", "4", ",", " 2", "]", " here."]);
    expect(result.text).toBe("Free [1][2] here.");
    // Nothing that could still become a marker is shown early, and the rest is not held.
    expect(result.pieces.slice(0, 6)).toEqual(["Free", "", "", "", "", ""]);
    expect(result.pieces[6]).toBe(" [1][2] here.");
  });

  it("takes [1][3], [1, 3] and [1,3] alike, and drops a repeated number in one run", () => {
    expect(rewriteDeltas(["A [1][3]. B [1, 3]. C [1,3]. D [3,3]."]).text).toBe("A [1][2]. B [1][2]. C [1][2]. D [2].");
  });

  it("drops citations of numbers that are not sources, with their brackets and the space before them", () => {
    for (const split of everySplit("Ships fast [9]. Free returns [9, 2] too [7][8] and more.")) {
      const result = rewriteDeltas(split);
      expect(result.text).toBe("Ships fast. Free returns [1] too and more.");
      expect(result.cited).toEqual(["1=Doc 2"]);
    }
    expect(rewriteDeltas(["[9] Hello [0]."]).text).toBe("Hello.");
  });

  it("leaves Markdown links, years and unfinished brackets as text", () => {
    expect(rewriteDeltas(["See [2](/help/x) from ", "[2024] or [", "note"]).text).toBe(
      "See [2](/help/x) from [2024] or [note",
    );
    expect(rewriteDeltas(["Ends open [1"]).text).toBe("Ends open [1");
    expect(rewriteDeltas(["Ends cited [1]"]).text).toBe("Ends cited [1]");
  });

  it("does not hold back more than a marker could need", () => {
    const spaces = " ".repeat(100);
    expect(rewriteDeltas(["a", spaces, "b"]).pieces[1]).toBe(spaces);
  });

  it("rewrites a UI message stream: sources announced before the text citing them, none for an answer without citations", async () => {
    const chunks: UIMessageChunk[] = [
      { type: "start" },
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Ships in days [" },
      { type: "text-delta", id: "t", delta: "5] and [9]" },
      { type: "text-end", id: "t" },
      { type: "finish" },
    ];
    const out = await run(chunks);
    expect(out).toEqual([
      { type: "start" },
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Ships in days" },
      { type: "source-url", sourceId: "1", url: "/help/doc-5#passage-5", title: "Doc 5" },
      { type: "text-delta", id: "t", delta: " [1] and" },
      { type: "text-end", id: "t" },
      { type: "finish" },
    ]);

    const refusal = await run([
      { type: "text-start", id: "r" },
      { type: "text-delta", id: "r", delta: "I could not find this." },
      { type: "text-end", id: "r" },
    ]);
    expect(refusal.some((c) => c.type === "source-url")).toBe(false);
    // Stopped mid-marker: what was held is shown before the stream says it was aborted.
    const stopped = await run([
      { type: "text-start", id: "s" },
      { type: "text-delta", id: "s", delta: "Partial [2" },
      { type: "abort" },
    ]);
    expect(stopped.slice(1)).toEqual([
      { type: "text-delta", id: "s", delta: "Partial" },
      { type: "text-delta", id: "s", delta: " [2" },
      { type: "abort" },
    ]);
  });

  it("applies the same rule to an answer stored before it, and leaves one stored since unchanged", () => {
    const legacy = {
      id: "a1",
      role: "assistant",
      parts: [
        ...sources.map((s) => ({ type: "source-url", sourceId: String(s.n), url: s.url, title: s.title })),
        { type: "step-start" },
        { type: "text", text: "Ships in days [4]. Free returns [2][4]. Nope [8].", state: "done" },
      ],
    };
    const current = withCitedSources(legacy);
    expect(current.parts).toEqual([
      { type: "step-start" },
      { type: "text", text: "Ships in days [1]. Free returns [2][1]. Nope.", state: "done" },
      { type: "source-url", sourceId: "1", url: "/help/doc-4#passage-4", title: "Doc 4" },
      { type: "source-url", sourceId: "2", url: "/help/doc-2#passage-2", title: "Doc 2" },
    ]);
    expect(withCitedSources(current)).toEqual(current);
    const question = { id: "q", role: "user", parts: [{ type: "text", text: "[3]" }] };
    expect(withCitedSources(question)).toBe(question);
  });
});

async function run(chunks: UIMessageChunk[]) {
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      chunks.forEach((c) => controller.enqueue(c));
      controller.close();
    },
  }).pipeThrough(citedSourcesTransform(sources));
  const out: UIMessageChunk[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) out.push(next.value);
  return out;
}
