import { z } from "zod";
import { cursorPageInput } from "../api/pagination";

const idInput = z.string().trim().min(1).max(40);

export const conversationIdInput = z.strictObject({ conversationId: idInput });

export const renameConversationInput = z.strictObject({
  conversationId: idInput,
  title: z.string().trim().min(1, { error: "Enter a title." }).max(120, { error: "Use at most 120 characters." }),
});

export const listConversationsInput = cursorPageInput({ defaultLimit: 20, maxLimit: 50 });

/** The id a chat client gives its conversation (the AI SDK's generateId: 16 letters and digits). */
export const chatIdInput = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: "Use 8–64 letters, digits, '-' or '_'." });

export const MAX_QUESTION_CHARS = 2000;

/** A text part of a UI message; other parts (tools, files, sources) are checked elsewhere. */
export const isTextPart = (part: unknown): part is { type: "text"; text: unknown } =>
  (part as { type?: unknown } | null)?.type === "text";

/** A message's words: its text parts, joined. */
export const messageText = (message: { parts: readonly unknown[] }) =>
  message.parts
    .filter(isTextPart)
    .map((p) => (typeof p.text === "string" ? p.text : ""))
    .join(" ");

/** A UI message as a chat client sends it; its parts are checked by the AI SDK against the tools. */
const uiMessageInput = z.object({
  id: z.string().min(1).max(100),
  role: z.enum(["user", "assistant"], { error: "Only user and assistant messages are accepted." }),
  parts: z.array(z.unknown()).max(200),
  metadata: z.unknown().optional(),
});

/** POST /api/chat: what `useChat` sends (see app/(shop)/assistant), plus the chosen model. */
export const chatRequestInput = z.strictObject({
  id: chatIdInput,
  messages: z.array(uiMessageInput).min(1, { error: "Send at least one message." }).max(200),
  trigger: z.enum(["submit-message", "regenerate-message"]),
  messageId: z.string().max(100).optional(),
  model: z.string().trim().max(100).optional(),
});
export type ChatRequestInput = z.infer<typeof chatRequestInput>;
