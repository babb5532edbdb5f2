import { z } from "zod";
import { cursorPageInput } from "../api/pagination";

const idInput = z.string().trim().min(1).max(40);

export const conversationIdInput = z.strictObject({ conversationId: idInput });

export const renameConversationInput = z.strictObject({
  conversationId: idInput,
  title: z.string().trim().min(1, { error: "Enter a title." }).max(120, { error: "Use at most 120 characters." }),
});

export const listConversationsInput = cursorPageInput({ defaultLimit: 20, maxLimit: 50 });
