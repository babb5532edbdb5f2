import "server-only";
import { getEnv, type Env } from "../env";
import { ValidationError } from "../errors";
import { configuredProvider, LOCAL_CHAT_MODEL } from "./providers";

/** The chat models a client may ask for: the configured provider's list, then the local one. */
export interface ChatModelOption {
  id: string;
  label: string;
}

const DEFAULT_OPENAI_MODELS = "gpt-4o-mini";

export function chatModelOptions(env: Env = getEnv()): ChatModelOption[] {
  const kind = configuredProvider(env);
  const names =
    kind === "local" ? [] : (env.AI_CHAT_MODELS ?? (kind === "openai" ? DEFAULT_OPENAI_MODELS : "")).split(",");
  const remote = names
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => ({ id: `${kind}:${name}`, label: name }));
  return [...remote, { id: LOCAL_CHAT_MODEL, label: "Offline assistant (quotes the help centre)" }];
}

/**
 * The model id to use for a request: the client's choice if it is on the allow-list, else the
 * default (the first option). An id not on the list is refused, naming the field.
 */
export function resolveChatModelId(requested: string | undefined, env: Env = getEnv()): string {
  const options = chatModelOptions(env);
  if (requested === undefined) return options[0]!.id;
  if (options.some((o) => o.id === requested)) return requested;
  throw new ValidationError("UNKNOWN_MODEL", `Choose one of: ${options.map((o) => o.id).join(", ")}.`, "model");
}
