import { z } from "zod";
import { chatIdInput } from "../chat/chat.schemas";
import { cursorPageInput, idInput, text } from "../inputs";
import { emailInput } from "../users/users.schemas";

/** The longest message a shopper or staff member may send (the column is VARCHAR(4000)). */
export const MAX_SUPPORT_MESSAGE_CHARS = 4000;
/** The transcript handed over: the last this many messages of the chat, each cut to this length. */
export const MAX_TRANSCRIPT_MESSAGES = 40;
export const MAX_TRANSCRIPT_MESSAGE_CHARS = 4000;

/** One message of the assistant chat as staff read it: who said it and its words (no tool data). */
export const transcriptMessageInput = z.strictObject({
  role: z.enum(["user", "assistant"], { error: "A transcript message is the shopper's or the assistant's." }),
  text: text({ max: MAX_TRANSCRIPT_MESSAGE_CHARS }),
});
export type TranscriptMessage = z.infer<typeof transcriptMessageInput>;

export const transcriptInput = z
  .array(transcriptMessageInput)
  .max(MAX_TRANSCRIPT_MESSAGES, { error: `Send at most the last ${MAX_TRANSCRIPT_MESSAGES} messages.` });

export const supportMessageBody = text({ max: MAX_SUPPORT_MESSAGE_CHARS }).min(1, { error: "Write a message first." });

/**
 * "Talk to a person". A signed-in shopper names their assistant conversation (its stored messages
 * are the transcript; until it is stored, the transcript sent); a visitor leaves an email and sends
 * the chat they see, which is not stored anywhere else.
 */
export const openSupportThreadInput = z.strictObject({
  conversationId: chatIdInput.optional(),
  email: emailInput.optional(),
  transcript: transcriptInput.default([]),
  /** What the shopper wants a person to know, if they wrote anything. */
  message: text({ max: MAX_SUPPORT_MESSAGE_CHARS }).optional(),
});
export type OpenSupportThreadInput = z.infer<typeof openSupportThreadInput>;

export const supportThreadIdInput = z.strictObject({ threadId: idInput });

export const postSupportMessageInput = z.strictObject({ threadId: idInput, body: supportMessageBody });
export type PostSupportMessageInput = z.infer<typeof postSupportMessageInput>;

export const SUPPORT_INBOX_STATUSES = ["OPEN", "CLOSED"] as const;

/** The staff inbox: open (or closed) threads, newest activity first. */
export const listSupportInboxInput = cursorPageInput({ defaultLimit: 30, maxLimit: 50 }).extend({
  status: z.enum(SUPPORT_INBOX_STATUSES).default("OPEN"),
});
export type ListSupportInboxInput = z.infer<typeof listSupportInboxInput>;

/** The transcript as stored (the column is jsonb): read back leniently, shown as text. */
export const storedTranscript = (value: unknown): TranscriptMessage[] => {
  const parsed = transcriptInput.safeParse(value);
  return parsed.success ? parsed.data : [];
};
