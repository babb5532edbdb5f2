import "server-only";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import {
  createProviderRegistry,
  customProvider,
  wrapEmbeddingModel,
  wrapLanguageModel,
  type EmbeddingModel,
  type LanguageModel,
} from "ai";
import { getEnv, type Env } from "../env";
import { ExtractiveLanguageModel } from "./local/extractive-model";
import { embeddingModelTracing, languageModelTracing } from "./model-tracing";
import { LexicalEmbeddingModel } from "./local/lexical-embedding";

/**
 * The AI providers this deployment can use, by kind:
 * - `openai`: OPENAI_API_KEY is set;
 * - `compatible`: AI_BASE_URL points at an OpenAI-compatible server (Ollama, vLLM, LM Studio);
 * - `local`: always there, and the default when neither is configured — offline, lexical
 *   embeddings and an extractive answerer (server/ai/local).
 * Models are addressed as "<kind>:<model id>", e.g. "local:extractive" or "openai:gpt-4o-mini".
 */
export type ProviderKind = "openai" | "compatible" | "local";

export const LOCAL_CHAT_MODEL = "local:extractive";
export const LOCAL_EMBEDDING_MODEL = "local:lexical-512";

export function configuredProvider(env: Env = getEnv()): ProviderKind {
  if (env.OPENAI_API_KEY) return "openai";
  if (env.AI_BASE_URL) return "compatible";
  return "local";
}

const localProvider = (env: Env) =>
  customProvider({
    languageModels: {
      extractive: new ExtractiveLanguageModel("extractive", { wordDelayMs: env.LOCAL_MODEL_WORD_DELAY_MS }),
    },
    embeddingModels: { "lexical-512": new LexicalEmbeddingModel() },
  });

function createRegistry(env: Env) {
  return createProviderRegistry({
    local: localProvider(env),
    ...(env.OPENAI_API_KEY && { openai: createOpenAI({ apiKey: env.OPENAI_API_KEY }) }),
    ...(env.AI_BASE_URL && {
      compatible: createOpenAICompatible({ name: "compatible", baseURL: env.AI_BASE_URL, apiKey: env.AI_API_KEY }),
    }),
  });
}

let registry: { env: Env; value: ReturnType<typeof createRegistry> } | undefined;
function providers(env: Env = getEnv()) {
  if (registry?.env !== env) registry = { env, value: createRegistry(env) };
  return registry.value;
}

/** A chat model by its full id; check the id against the allow-list first (models.ts). */
export function chatModel(id: string): LanguageModel {
  return wrapLanguageModel({
    model: providers().languageModel(id as `local:${string}`),
    middleware: languageModelTracing,
  });
}

/** The embedding model of the configured provider (the local one when none is configured). */
export function embeddingModel(env: Env = getEnv()): { id: string; model: EmbeddingModel } {
  const kind = configuredProvider(env);
  const id = kind === "local" || !env.AI_EMBEDDING_MODEL ? LOCAL_EMBEDDING_MODEL : `${kind}:${env.AI_EMBEDDING_MODEL}`;
  const model = providers(env).embeddingModel(id as `local:${string}`);
  return { id, model: wrapEmbeddingModel({ model, middleware: embeddingModelTracing }) };
}
