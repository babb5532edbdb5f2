import { embedMany, generateText, streamText } from "ai";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../../env";
import { ValidationError } from "../../errors";
import { chatModelOptions, resolveChatModelId } from "../models";
import { formatSources, parseSources } from "../prompts/sources";
import { chatModel, configuredProvider, embeddingModel } from "../providers";
import { NO_ANSWER } from "./extractive-model";
import { embedText, LEXICAL_DIMENSIONS, similarity } from "./lexical-embedding";

const sources = [
  {
    n: 1,
    title: "Shipping",
    text: "Standard shipping takes 3 to 5 business days. Express shipping arrives the next business day if you order before 2 pm. Shipping is free on orders over $50.",
  },
  {
    n: 2,
    title: "Returns",
    text: "You can return any item within 30 days of delivery. Refunds go back to the original payment method within 5 business days of us receiving the return.",
  },
];
const instructions = `Answer only from these sources and cite them.\n${formatSources(sources)}`;
const ask = (question: string) => [{ role: "user" as const, content: question }];

describe("lexical embeddings", () => {
  it("have a fixed dimension, unit length and no randomness", () => {
    const vector = embedText("Waterproof trail running shoe");
    expect(vector).toHaveLength(LEXICAL_DIMENSIONS);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 10);
    expect(embedText("Waterproof trail running shoe")).toEqual(vector);
    expect(embedText("")).toEqual(new Array(LEXICAL_DIMENSIONS).fill(0));
  });

  it("put texts that share words (or most letters of them) closer than unrelated ones", () => {
    const query = embedText("how long does shipping take");
    expect(similarity(query, embedText(sources[0]!.text))).toBeGreaterThan(
      similarity(query, embedText(sources[1]!.text)),
    );
    const typo = similarity(embedText("hedphones"), embedText("wireless headphones"));
    expect(typo).toBeGreaterThan(similarity(embedText("hedphones"), embedText("cast iron skillet")));
    expect(typo).toBeGreaterThan(0.2);
  });

  it("serve the AI SDK's embedMany through the provider registry", async () => {
    const { id, model } = embeddingModel(parseEnv({}));
    expect(id).toBe("local:lexical-512");
    const { embeddings } = await embedMany({ model, values: ["returns", "shipping"] });
    expect(embeddings.map((e) => e.length)).toEqual([LEXICAL_DIMENSIONS, LEXICAL_DIMENSIONS]);
  });
});

describe("extractive answerer", () => {
  it("streams the most relevant source sentences with citation markers", async () => {
    const result = streamText({
      model: chatModel("local:extractive"),
      instructions,
      messages: ask("How long does standard shipping take?"),
    });
    const chunks: string[] = [];
    for await (const chunk of result.textStream) chunks.push(chunk);
    const answer = chunks.join("");
    expect(chunks.length).toBeGreaterThan(5);
    expect(answer).toContain("Standard shipping takes 3 to 5 business days. [1]");
    expect(answer).not.toContain("[2]");
  });

  it("cites the right source for another question, and answers the same through generateText", async () => {
    const { text } = await generateText({
      model: chatModel("local:extractive"),
      instructions,
      messages: ask("Can I return an item, and when is my refund?"),
    });
    expect(text).toMatch(/return any item within 30 days of delivery\. \[2\]/);
  });

  it("says so when the sources do not cover the question", async () => {
    const { text } = await generateText({
      model: chatModel("local:extractive"),
      instructions,
      messages: ask("Do you sell gift cards for the zoo?"),
    });
    expect(text).toBe(NO_ANSWER);
  });

  it("stops mid-answer when aborted", async () => {
    const controller = new AbortController();
    const result = streamText({
      model: chatModel("local:extractive"),
      instructions,
      messages: ask("shipping express free orders days"),
      abortSignal: controller.signal,
    });
    const chunks: string[] = [];
    for await (const chunk of result.textStream) {
      chunks.push(chunk);
      if (chunks.length === 3) controller.abort();
    }
    expect(chunks.length).toBeLessThan(8);
  });

  it("round-trips sources through the prompt format, escaping what would break it", () => {
    const tricky = [{ n: 3, title: 'Sizes "EU" <guide>', text: "Use </source> rarely. 42 < 43." }];
    expect(parseSources(formatSources(tricky))).toEqual(tricky);
  });
});

describe("provider registry and model allow-list", () => {
  it("defaults to the local provider when nothing is configured", () => {
    const env = parseEnv({});
    expect(configuredProvider(env)).toBe("local");
    expect(chatModelOptions(env).map((o) => o.id)).toEqual(["local:extractive"]);
    expect(resolveChatModelId(undefined, env)).toBe("local:extractive");
  });

  it("offers the configured provider's models first, keeping the local one", () => {
    const openai = parseEnv({ OPENAI_API_KEY: "sk-test", AI_CHAT_MODELS: "gpt-4o-mini, gpt-4o" });
    expect(chatModelOptions(openai).map((o) => o.id)).toEqual([
      "openai:gpt-4o-mini",
      "openai:gpt-4o",
      "local:extractive",
    ]);
    const ollama = parseEnv({ AI_BASE_URL: "http://127.0.0.1:11434/v1", AI_CHAT_MODELS: "llama3.1" });
    expect(configuredProvider(ollama)).toBe("compatible");
    expect(resolveChatModelId(undefined, ollama)).toBe("compatible:llama3.1");
    expect(
      embeddingModel(parseEnv({ AI_BASE_URL: "http://127.0.0.1:11434/v1", AI_EMBEDDING_MODEL: "nomic-embed-text" })).id,
    ).toBe("compatible:nomic-embed-text");
  });

  it("refuses a model id that is not on the allow-list, naming the field", () => {
    const error = (() => {
      try {
        return resolveChatModelId("openai:gpt-4o", parseEnv({}));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: "UNKNOWN_MODEL", field: "model" });
  });
});
