import "server-only";
import { ownedBy } from "../auth/ownership";
import type { SessionUser } from "../auth/roles";
import { Prisma, type Db } from "../db/client";
import { afterCursor, cursorPage } from "../db/pagination";
import { NotFoundError, ValidationError } from "../errors";
import type { UserCtx } from "../users/users.service";
import { withAnswerFeedback } from "./assistant-turns.service";
import { messageText } from "./chat.schemas";

/** A UI message as stored: the AI SDK's id, role and parts. */
export interface StoredMessage {
  id: string;
  role: string;
  parts: unknown[];
}

/**
 * The conversation, if `user` owns it; NOT_FOUND for anyone else, staff included (chats are
 * private). The one ownership check for conversations.
 */
export async function requireConversationOwner(
  db: Db | Prisma.TransactionClient,
  user: SessionUser,
  conversationId: string,
) {
  const conversation = await db.conversation.findFirst({
    where: { id: conversationId, ...ownedBy(user, "owner-only") },
    select: { id: true, title: true, createdAt: true, updatedAt: true },
  });
  if (!conversation)
    throw new NotFoundError("CONVERSATION_NOT_FOUND", "We could not find this conversation among yours.");
  return conversation;
}

export async function listConversations(ctx: UserCtx, input: { cursor?: string | null; limit: number }) {
  const rows = await ctx.db.conversation.findMany({
    where: { userId: ctx.user.id },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    ...afterCursor(input),
    select: { id: true, title: true, createdAt: true, updatedAt: true },
  });
  return cursorPage(rows, input);
}

export async function getConversation(ctx: UserCtx, conversationId: string) {
  const conversation = await requireConversationOwner(ctx.db, ctx.user, conversationId);
  return { ...conversation, messages: await withAnswerFeedback(ctx.db, await messagesOf(ctx.db, conversationId)) };
}

export async function renameConversation(ctx: UserCtx, input: { conversationId: string; title: string }) {
  await requireConversationOwner(ctx.db, ctx.user, input.conversationId);
  return ctx.db.conversation.update({
    where: { id: input.conversationId },
    data: { title: input.title },
    select: { id: true, title: true, createdAt: true, updatedAt: true },
  });
}

export async function deleteConversation(ctx: UserCtx, conversationId: string) {
  await requireConversationOwner(ctx.db, ctx.user, conversationId);
  await ctx.db.conversation.delete({ where: { id: conversationId } });
  return { conversationId };
}

export const titleOf = (question: string) => question.replace(/\s+/g, " ").trim().slice(0, 80) || "New conversation";

/**
 * The stored messages of the conversation with the id the chat client chose: empty while it
 * does not exist yet (it is created when its first turn is saved, so the page needs no round
 * trip first); someone else's is NOT_FOUND.
 */
export async function conversationHistory(ctx: UserCtx, conversationId: string): Promise<StoredMessage[]> {
  const exists = await ctx.db.conversation.count({ where: { id: conversationId } });
  if (!exists) return [];
  await requireConversationOwner(ctx.db, ctx.user, conversationId);
  return messagesOf(ctx.db, conversationId);
}

/** Messages oldest first; callers have checked the owner. */
async function messagesOf(db: Db, conversationId: string): Promise<StoredMessage[]> {
  const rows = await db.chatMessage.findMany({
    where: { conversationId },
    orderBy: { position: "asc" },
    select: { id: true, role: true, parts: true },
  });
  return rows as StoredMessage[];
}

/**
 * Stores one turn after the messages already there: the question — unless it is stored already
 * (a regenerate: what came after it is dropped) — and the answer, if one came. The first turn
 * creates the conversation, titled after its question. The conversation row is locked, so two
 * tabs' turns both land, one after the other, and nothing else is rewritten.
 */
export async function saveTurn(
  ctx: UserCtx,
  conversationId: string,
  turn: { question: StoredMessage; answer?: StoredMessage },
) {
  const messages = turn.answer ? [turn.question, turn.answer] : [turn.question];
  await ctx.db.$transaction(async (tx) => {
    await tx.conversation.createMany({
      data: [{ id: conversationId, userId: ctx.user.id, title: titleOf(messageText(turn.question)) }],
      skipDuplicates: true,
    });
    await tx.$queryRaw`SELECT 1 FROM "Conversation" WHERE id = ${conversationId} FOR UPDATE`;
    await requireConversationOwner(tx, ctx.user, conversationId);
    // Message ids come from the client: one of another conversation's must not be touched.
    const ids = messages.map((m) => m.id);
    if (await tx.chatMessage.count({ where: { id: { in: ids }, conversationId: { not: conversationId } } }))
      throw new ValidationError(
        "MESSAGE_ID_TAKEN",
        "A message id is already used elsewhere; start a new chat.",
        "messages",
      );
    const asked = await tx.chatMessage.findUnique({ where: { id: turn.question.id }, select: { position: true } });
    let position: number;
    if (asked) {
      await tx.chatMessage.deleteMany({ where: { conversationId, position: { gt: asked.position } } });
      position = asked.position + 1;
    } else {
      const last = await tx.chatMessage.aggregate({ where: { conversationId }, _max: { position: true } });
      position = (last._max.position ?? -1) + 1;
    }
    const toCreate = asked ? messages.slice(1) : messages;
    await tx.chatMessage.createMany({
      data: toCreate.map((m, i) => ({
        id: m.id,
        conversationId,
        position: position + i,
        role: m.role,
        parts: m.parts as Prisma.InputJsonValue,
      })),
    });
    await tx.conversation.update({ where: { id: conversationId }, data: { updatedAt: new Date() } });
  });
}
