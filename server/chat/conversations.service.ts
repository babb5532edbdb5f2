import "server-only";
import { ownedBy } from "../auth/ownership";
import type { SessionUser } from "../auth/roles";
import type { Db, Prisma } from "../db/client";
import { afterCursor, cursorPage } from "../db/pagination";
import { NotFoundError } from "../errors";
import type { UserCtx } from "../users/users.service";

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
  return cursorPage(rows, input.limit);
}

export async function getConversation(ctx: UserCtx, conversationId: string) {
  const conversation = await requireConversationOwner(ctx.db, ctx.user, conversationId);
  const messages = await ctx.db.chatMessage.findMany({
    where: { conversationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, role: true, parts: true },
  });
  return { ...conversation, messages: messages as StoredMessage[] };
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

/** A new conversation titled after its first question. */
export async function startConversation(ctx: UserCtx, firstQuestion: string) {
  const title = firstQuestion.replace(/\s+/g, " ").trim().slice(0, 80) || "New conversation";
  return ctx.db.conversation.create({ data: { userId: ctx.user.id, title }, select: { id: true } });
}

/**
 * Stores the conversation as the chat now has it: every message upserted by id, so a
 * regenerated answer replaces the one it regenerates and nothing is stored twice.
 */
export async function saveMessages(ctx: UserCtx, conversationId: string, messages: readonly StoredMessage[]) {
  await ctx.db.$transaction(async (tx) => {
    await requireConversationOwner(tx, ctx.user, conversationId);
    const ids = messages.map((m) => m.id);
    await tx.chatMessage.deleteMany({ where: { conversationId, id: { notIn: ids } } });
    for (const message of messages)
      await tx.chatMessage.upsert({
        where: { id: message.id },
        create: { id: message.id, conversationId, role: message.role, parts: message.parts as Prisma.InputJsonValue },
        update: { parts: message.parts as Prisma.InputJsonValue },
      });
    await tx.conversation.update({ where: { id: conversationId }, data: { updatedAt: new Date() } });
  });
}
