import "server-only";
import { ownedBy } from "../auth/ownership";
import type { SessionUser } from "../auth/roles";
import { Prisma, type Db } from "../db/client";
import { afterCursor, cursorPage } from "../db/pagination";
import { NotFoundError, ValidationError } from "../errors";
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
  return { ...conversation, messages: await messagesOf(ctx.db, conversationId) };
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

const titleOf = (question: string) => question.replace(/\s+/g, " ").trim().slice(0, 80) || "New conversation";

/** A new conversation titled after its first question. */
export async function startConversation(ctx: UserCtx, firstQuestion: string) {
  return ctx.db.conversation.create({
    data: { userId: ctx.user.id, title: titleOf(firstQuestion) },
    select: { id: true },
  });
}

/**
 * The conversation with the id the chat client chose, created on its first turn (so the page
 * needs no round trip before the first question), with its stored messages; someone else's id
 * is NOT_FOUND.
 */
export async function ensureConversation(
  ctx: UserCtx,
  conversationId: string,
  firstQuestion: string,
): Promise<{ created: boolean; messages: StoredMessage[] }> {
  const existing = await ctx.db.conversation.findUnique({ where: { id: conversationId }, select: { userId: true } });
  if (!existing) {
    try {
      await ctx.db.conversation.create({
        data: { id: conversationId, userId: ctx.user.id, title: titleOf(firstQuestion) },
      });
      return { created: true, messages: [] };
    } catch (error) {
      // Two first turns raced: the other created it; the ownership check below decides.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    }
  }
  await requireConversationOwner(ctx.db, ctx.user, conversationId);
  return { created: false, messages: await messagesOf(ctx.db, conversationId) };
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
 * Stores the conversation as the chat now has it: every message upserted by id, so a
 * regenerated answer replaces the one it regenerates and nothing is stored twice.
 */
export async function saveMessages(ctx: UserCtx, conversationId: string, messages: readonly StoredMessage[]) {
  await ctx.db.$transaction(async (tx) => {
    await requireConversationOwner(tx, ctx.user, conversationId);
    const ids = messages.map((m) => m.id);
    // Message ids come from the client: one that names another conversation's message must not
    // let the upsert below overwrite it.
    if (await tx.chatMessage.count({ where: { id: { in: ids }, conversationId: { not: conversationId } } }))
      throw new ValidationError(
        "MESSAGE_ID_TAKEN",
        "A message id is already used elsewhere; start a new chat.",
        "messages",
      );
    await tx.chatMessage.deleteMany({ where: { conversationId, id: { notIn: ids } } });
    for (const [position, message] of messages.entries()) {
      const parts = message.parts as Prisma.InputJsonValue;
      await tx.chatMessage.upsert({
        where: { id: message.id },
        create: { id: message.id, conversationId, position, role: message.role, parts },
        update: { position, parts },
      });
    }
    await tx.conversation.update({ where: { id: conversationId }, data: { updatedAt: new Date() } });
  });
}
