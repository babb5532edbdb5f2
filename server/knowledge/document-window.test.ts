import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { callerFor } from "../test/factories";
import { PASSAGE_WINDOW, PASSAGES_BEFORE, passageAnchor, passageHref } from "./knowledge.schemas";

const PASSAGES = 20_000;
let documentId: string;

/** A ready upload of 20,000 passages, written straight to the table as indexing would leave it. */
beforeAll(async () => {
  const document = await db.knowledgeDocument.create({
    data: {
      title: "Long manual",
      origin: "upload",
      mimeType: "text/markdown",
      sizeBytes: 1,
      sha256: `window-test-${Date.now()}`,
      status: "READY",
      chunkCount: PASSAGES,
      indexedAt: new Date(),
    },
  });
  documentId = document.id;
  await db.knowledgeChunk.createMany({
    data: Array.from({ length: PASSAGES }, (_, position) => ({
      id: `${documentId}-${String(position).padStart(6, "0")}`,
      documentId,
      position,
      heading: `Long manual › Part ${Math.floor(position / 100)}`,
      text: `Passage text number ${position}.`,
      embedding: [],
      embeddingModel: "test",
    })),
  });
}, 60_000);

const read = (position?: number) => callerFor(null).knowledge.document({ documentId, position });
const positions = (document: Awaited<ReturnType<typeof read>>) => document.chunks.map((c) => c.position);
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe("a long document opens around the cited passage", () => {
  it("returns a bounded window that holds the cited passage, with the total, quickly", async () => {
    await read(12_345); // warm up the connection and the plan
    const started = performance.now();
    const document = await read(12_345);
    const elapsed = performance.now() - started;
    expect(document.passageCount).toBe(PASSAGES);
    expect(document.windowStart).toBe(12_345 - PASSAGES_BEFORE);
    expect(positions(document)).toEqual(range(12_345 - PASSAGES_BEFORE, PASSAGE_WINDOW));
    expect(document.chunks[PASSAGES_BEFORE]).toMatchObject({ position: 12_345, text: "Passage text number 12345." });
    expect(elapsed).toBeLessThan(250);
  });

  it("opens at the start without a position, and clamps at both ends", async () => {
    expect(positions(await read())).toEqual(range(0, PASSAGE_WINDOW));
    expect(positions(await read(3))).toEqual(range(0, PASSAGE_WINDOW));
    const last = range(PASSAGES - PASSAGE_WINDOW, PASSAGE_WINDOW);
    expect(positions(await read(PASSAGES - 1))).toEqual(last);
    // Past the end (a link to a passage that re-indexing removed): the document's last passages.
    const beyond = await read(PASSAGES + 500);
    expect(positions(beyond)).toEqual(last);
    expect(beyond.windowStart).toBe(PASSAGES - PASSAGE_WINDOW);
  });

  it("refuses a position that is not a whole number from 0 with a 400 naming the field", async () => {
    for (const position of [-1, 2.5, Number.MAX_SAFE_INTEGER]) {
      const error = (await read(position).catch((e: unknown) => e)) as TRPCError;
      expect(error, String(position)).toBeInstanceOf(TRPCError);
      expect(error.code).toBe("BAD_REQUEST");
      expect(JSON.stringify(error.cause)).toContain("position");
    }
  });

  it("links a citation to the window (query) and the passage (fragment) alike", () => {
    expect(passageHref("doc 1", 12)).toBe(`/help/doc%201?passage=12#${passageAnchor(12)}`);
    expect(passageAnchor(12)).toBe("passage-12");
  });
});
