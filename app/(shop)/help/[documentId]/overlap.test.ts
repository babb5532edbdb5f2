import { describe, expect, it } from "vitest";
import { chunkBlocks } from "~/server/knowledge/chunking";
import { splitOverlap } from "./overlap";

describe("splitOverlap", () => {
  it("finds the part a passage repeats from the one before it in the same section", () => {
    const sentence = (n: number) => `Sentence number ${n} says something useful about returns.`;
    const blocks = Array.from({ length: 30 }, (_, i) => ({ heading: "Returns", text: sentence(i) }));
    const [first, second] = chunkBlocks(blocks);
    const [repeated, rest] = splitOverlap(first, second!);
    expect(repeated).not.toBeNull();
    expect(first!.text.endsWith(repeated!)).toBe(true);
    expect(`${repeated}\n\n${rest}`).toBe(second!.text);
    expect(rest.startsWith(sentence(first!.text.split("\n\n").length))).toBe(true);
  });

  it("leaves a passage whole at a new section or without a repeat", () => {
    const passage = { heading: "Refunds", text: "Refunds take 5 days.\n\nMore." };
    expect(splitOverlap(undefined, passage)).toEqual([null, passage.text]);
    expect(splitOverlap({ heading: "Returns", text: "Refunds take 5 days." }, passage)).toEqual([null, passage.text]);
    expect(splitOverlap({ heading: "Refunds", text: "Something else." }, passage)).toEqual([null, passage.text]);
  });
});
