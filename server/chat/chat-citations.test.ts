import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { simulateReadableStream, type UIMessageChunk } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { beforeAll, describe, expect, it } from "vitest";
import { parseSources } from "../ai/prompts/sources";
import { NO_ANSWER } from "../ai/prompts/refusal";
import { db } from "../db/client";
import { upsertHelpCentre } from "../knowledge/help-centre";
import { ingestDocument } from "../knowledge/ingestion.service";
import { getLogger } from "../observability/logger";
import { callerFor, createUser } from "../test/factories";
import { createChatQuota } from "./chat-quota";
import { startAssistantTurn } from "./chat.service";
import { retrieveForTurn } from "./turn-retrieval";

/**
 * A hosted model gets the same retrieval as the offline one (numbered <source> blocks in its
 * instructions), and whatever it cites is held to them: a scripted model stands in for it.
 */
const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

function scriptedModel(deltas: string[]) {
  const calls: LanguageModelV4CallOptions[] = [];
  const model = new MockLanguageModelV4({
    doStream: async (options) => {
      calls.push(options);
      const chunks: LanguageModelV4StreamPart[] = [
        { type: "stream-start", warnings: [] },
        { type: "text-start", id: "t" },
        ...deltas.map((delta) => ({ type: "text-delta" as const, id: "t", delta })),
        { type: "text-end", id: "t" },
        { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage },
      ];
      return { stream: simulateReadableStream({ chunks }) };
    },
  });
  return { model, calls };
}

async function collect(stream: ReadableStream<UIMessageChunk>) {
  const chunks: UIMessageChunk[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
  return chunks;
}

const quota = createChatQuota(db, { perUserPerHour: 1000, perIpPerHour: 1000 });
let count = 0;
const askAs = async (user: Awaited<ReturnType<typeof createUser>>, text: string, deltas: string[]) => {
  const { model, calls } = scriptedModel(deltas);
  const input = {
    id: `cite${Date.now().toString(36)}${count++}`,
    trigger: "submit-message" as const,
    messages: [
      { id: `q-${Date.now().toString(36)}-${count++}`, role: "user" as const, parts: [{ type: "text", text }] },
    ],
  };
  const chunks = await collect(
    await startAssistantTurn({ db, log: getLogger(), user, ip: "198.51.100.30" }, input, { quota, model }),
  );
  const stored = await callerFor(user).conversations.byId({ conversationId: input.id });
  return { chunks, calls, stored: stored.messages[1]!, text: textOf(chunks) };
};

const textOf = (chunks: UIMessageChunk[]) => chunks.flatMap((c) => (c.type === "text-delta" ? [c.delta] : [])).join("");
const sourcesOf = (chunks: UIMessageChunk[]) => chunks.filter((c) => c.type === "source-url");

beforeAll(async () => {
  for (const id of await upsertHelpCentre(db)) await ingestDocument({ db, log: getLogger() }, id);
});

describe("citations with a hosted model", () => {
  it("numbers the retrieved passages in the prompt, drops citations outside them, lists only those cited", async () => {
    const question = "How long does standard delivery take?";
    const { passages } = await retrieveForTurn({ db }, [{ role: "user", parts: [{ type: "text", text: question }] }]);
    expect(passages.length).toBeGreaterThanOrEqual(3);

    const user = await createUser();
    const { chunks, calls, stored, text } = await askAs(user, question, [
      "Standard delivery takes 3–5 business days [",
      "3]. Express is faster [9]",
      ". It is tracked [1,3] [2][9].",
    ]);

    // The prompt carries one numbered <source> block per retrieved passage, in rank order.
    const instructions = calls[0]!.prompt.find((m) => m.role === "system")!.content as string;
    const inPrompt = parseSources(instructions);
    expect(inPrompt.map((s) => s.n)).toEqual(passages.map((_, i) => i + 1));
    expect(inPrompt.map((s) => s.text)).toEqual(passages.map((p) => p.text));
    expect(instructions).toContain(`<source n="${passages.length}" title=`);

    // [9] is not a source: gone, with its space. The rest renumbered by first citation: 3 → 1, 1 → 2, 2 → 3.
    const answer = "Standard delivery takes 3–5 business days [1]. Express is faster. It is tracked [2][1] [3].";
    expect(text).toBe(answer);
    expect(sourcesOf(chunks)).toEqual(
      [passages[2]!, passages[0]!, passages[1]!].map((p, i) => ({
        type: "source-url",
        sourceId: String(i + 1),
        url: p.href,
        title: expect.stringContaining(p.title),
      })),
    );
    // Each source is announced before the text that first cites it.
    const firstCitation = chunks.findIndex((c) => c.type === "text-delta" && c.delta.includes("[1]"));
    expect(chunks.findIndex((c) => c.type === "source-url")).toBeLessThan(firstCitation);

    // Stored as streamed.
    const storedText = stored.parts.flatMap((p) =>
      (p as { type: string }).type === "text" ? [(p as { text: string }).text] : [],
    );
    expect(storedText.join("")).toBe(answer);
    expect(stored.parts.filter((p) => (p as { type: string }).type === "source-url")).toHaveLength(3);
  });

  it("lists no sources for a refusal", async () => {
    const { chunks, stored } = await askAs(await createUser(), "What is the weather in Paris?", [NO_ANSWER]);
    expect(textOf(chunks)).toBe(NO_ANSWER);
    expect(sourcesOf(chunks)).toEqual([]);
    expect(stored.parts.some((p) => (p as { type: string }).type === "source-url")).toBe(false);
  });
});
