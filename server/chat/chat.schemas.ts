import { z } from "zod";
import { cursorPageInput, jsonInput, text } from "../inputs";

/**
 * The id a chat client gives its conversation (the AI SDK's generateId: 16 letters and digits),
 * which becomes the conversation's id: the one id input of conversations.
 */
export const chatIdInput = text({ max: 64, trim: false }).regex(/^[A-Za-z0-9_-]{8,64}$/, {
  error: "Use 8–64 letters, digits, '-' or '_'.",
});

export const conversationIdInput = z.strictObject({ conversationId: chatIdInput });

export const renameConversationInput = conversationIdInput.extend({
  title: text({ max: 120 }).min(1, { error: "Enter a title." }),
});

export const listConversationsInput = cursorPageInput({ defaultLimit: 20, maxLimit: 50 });

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

/** A message id the client chose (stored as the row's key once the turn is saved). */
export const messageIdInput = text({ max: 100, trim: false }).min(1);

/**
 * A UI message as a chat client sends it; its parts are checked by the AI SDK against the tools.
 * Every string in them (the question's text above all) is safe text: they are stored as jsonb.
 */
const uiMessageInput = z.strictObject({
  id: messageIdInput,
  role: z.enum(["user", "assistant"], { error: "Only user and assistant messages are accepted." }),
  parts: z.array(jsonInput).max(200),
  metadata: jsonInput.optional(),
});

/** POST /api/chat: what `useChat` sends (see app/(shop)/assistant), plus the chosen model. */
export const chatRequestInput = z.strictObject({
  id: chatIdInput,
  messages: z.array(uiMessageInput).min(1, { error: "Send at least one message." }).max(200),
  trigger: z.enum(["submit-message", "regenerate-message"]),
  messageId: messageIdInput.optional(),
  model: text({ max: 100 }).optional(),
});
export type ChatRequestInput = z.infer<typeof chatRequestInput>;

/** Conversations per page of the assistant's sidebar (the pages prefetch the first). Here, not in the client component: a server page importing a constant from a
 * "use client" module gets a client reference, not the number. */
export const CONVERSATIONS_PAGE_SIZE = 20;
