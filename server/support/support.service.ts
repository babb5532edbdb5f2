import "server-only";
import type { SessionUser } from "../auth/roles";
import { messageText } from "../chat/chat.schemas";
import { requireConversationOwner } from "../chat/conversations.service";
import type { Db, Prisma } from "../db/client";
import { ConflictError, RateLimitedError, ValidationError } from "../errors";
import type { Logger } from "../observability/logger";
import { consumeOrRefuse, createLimiter, type Limiter } from "../rate-limit";
import { publishLive, recordLive, streamLive, type LiveOptions, type NewLiveEvent } from "../realtime/live";
import { newAccessToken, requireThreadOwner, type SupportCaller } from "./support-access";
import {
  MAX_TRANSCRIPT_MESSAGE_CHARS,
  MAX_TRANSCRIPT_MESSAGES,
  storedTranscript,
  type OpenSupportThreadInput,
  type PostSupportMessageInput,
  type TranscriptMessage,
} from "./support.schemas";

/** What the shopper's side of support takes: the caller is a signed-in user, a token holder, or neither. */
export interface SupportCtx extends SupportCaller {
  db: Db;
  log: Logger;
  ip?: string | null;
}

/** Threads one visitor address may open per hour: each lands in the staff inbox. */
export const VISITOR_OPENINGS_PER_HOUR = 10;

let visitorOpenings: Limiter | undefined;
const openingsLimiter = (db: Db) =>
  (visitorOpenings ??= createLimiter(db, {
    keyPrefix: "support:open:ip",
    points: VISITOR_OPENINGS_PER_HOUR,
    duration: 3600,
  }));

/** The stored conversation's words as staff will read them, or null while it is not stored. */
async function conversationTranscript(ctx: SupportCtx & { user: SessionUser }, conversationId: string) {
  const exists = await ctx.db.conversation.count({ where: { id: conversationId } });
  if (!exists) return null;
  await requireConversationOwner(ctx.db, ctx.user, conversationId);
  const rows = await ctx.db.chatMessage.findMany({
    where: { conversationId },
    orderBy: { position: "desc" },
    take: MAX_TRANSCRIPT_MESSAGES,
    select: { role: true, parts: true },
  });
  return rows
    .reverse()
    .filter((m) => m.role === "user" || m.role === "assistant")
    .map((m) => ({
      role: m.role as TranscriptMessage["role"],
      text: messageText({ parts: m.parts as unknown[] })
        .trim()
        .slice(0, MAX_TRANSCRIPT_MESSAGE_CHARS),
    }))
    .filter((m) => m.text);
}

/**
 * "Talk to a person": opens a support thread with the assistant chat so far. A signed-in shopper's
 * stored conversation is the transcript (owner-checked; one open thread per conversation, so asking
 * twice returns the same); a visitor must leave an email, gets an access token (returned once, for
 * the cookie) and may open a few threads an hour per address.
 */
export async function openThread(ctx: SupportCtx, input: OpenSupportThreadInput) {
  let transcript = input.transcript;
  let conversationId: string | null = null;
  let contactEmail: string;
  let access: ReturnType<typeof newAccessToken> | null = null;
  if (ctx.user) {
    if (input.conversationId) {
      const stored = await conversationTranscript({ ...ctx, user: ctx.user }, input.conversationId);
      if (stored) [transcript, conversationId] = [stored, input.conversationId];
    }
    if (conversationId) {
      const open = await ctx.db.supportThread.findFirst({
        where: { conversationId, userId: ctx.user.id, status: "OPEN" },
        select: { id: true },
      });
      if (open) return { threadId: open.id, accessToken: null };
    }
    contactEmail = ctx.user.email;
  } else {
    if (!input.email)
      throw new ValidationError(
        "SUPPORT_EMAIL_REQUIRED",
        "Leave your email so a person can answer you, or sign in.",
        "email",
      );
    await consumeOrRefuse(openingsLimiter(ctx.db), ctx.ip ?? "unknown", (retryAfterSeconds) => {
      const minutes = Math.ceil(retryAfterSeconds / 60);
      return new RateLimitedError(
        "SUPPORT_OPENINGS_EXCEEDED",
        `Visitors may start ${VISITOR_OPENINGS_PER_HOUR} support conversations an hour. Sign in, or try again in ${minutes} min.`,
        { retryAfterSeconds },
      );
    });
    contactEmail = input.email;
    access = newAccessToken();
  }

  const { thread, events } = await ctx.db.$transaction(async (tx) => {
    const thread = await tx.supportThread.create({
      data: {
        userId: ctx.user?.id ?? null,
        conversationId,
        contactEmail,
        transcript: transcript as Prisma.InputJsonValue,
        shopperSeenAt: new Date(),
        ...(access && { accessTokens: { create: { tokenHash: access.tokenHash } } }),
        ...(input.message && {
          messages: { create: { author: "SHOPPER", authorId: ctx.user?.id ?? null, body: input.message } },
        }),
      },
      select: { id: true },
    });
    const events = await recordLive(tx, [
      { topic: "support.inbox", key: "", data: { threadId: thread.id, kind: "opened" } },
    ]);
    return { thread, events };
  });
  await publishLive(events);
  ctx.log.info({ threadId: thread.id, visitor: !ctx.user }, "support thread opened");
  return { threadId: thread.id, accessToken: access?.token ?? null };
}

const messageSelect = {
  id: true,
  author: true,
  body: true,
  createdAt: true,
  authorUser: { select: { name: true } },
} as const;

/** A thread as its shopper sees it: the handed-over chat, then the messages, oldest first. */
export async function getThreadForShopper(ctx: SupportCtx, threadId: string) {
  await requireThreadOwner(ctx.db, ctx, threadId);
  const thread = await ctx.db.supportThread.findUniqueOrThrow({
    where: { id: threadId },
    select: {
      id: true,
      status: true,
      transcript: true,
      createdAt: true,
      closedAt: true,
      messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 500, select: messageSelect },
    },
  });
  return {
    ...thread,
    transcript: storedTranscript(thread.transcript),
    // A staff member is named by their name only (never their email); a shopper is "you".
    messages: thread.messages.map(({ authorUser, ...m }) => ({
      ...m,
      authorName: m.author === "STAFF" ? (authorUser?.name?.split(" ")[0] ?? null) : null,
    })),
  };
}

const THREAD_CLOSED = () =>
  new ConflictError(
    "SUPPORT_THREAD_CLOSED",
    "This conversation has been closed. Ask the assistant again and choose “Talk to a person” to start a new one.",
  );

/** The shopper writes to staff; the thread counts as seen by them up to now. */
export async function postShopperMessage(ctx: SupportCtx, input: PostSupportMessageInput) {
  const { message, events } = await ctx.db.$transaction(async (tx) => {
    const thread = await requireThreadOwner(tx, ctx, input.threadId);
    // Locked, so a close and a message cannot cross.
    await tx.$queryRaw`SELECT 1 FROM "SupportThread" WHERE id = ${thread.id} FOR UPDATE`;
    const { status } = await tx.supportThread.findUniqueOrThrow({ where: { id: thread.id }, select: { status: true } });
    if (status !== "OPEN") throw THREAD_CLOSED();
    const message = await tx.supportMessage.create({
      data: { threadId: thread.id, author: "SHOPPER", authorId: ctx.user?.id ?? null, body: input.body },
      select: { id: true, createdAt: true },
    });
    await tx.supportThread.update({
      where: { id: thread.id },
      data: { lastMessageAt: message.createdAt, shopperSeenAt: message.createdAt },
    });
    const events = await recordLive(tx, newMessageEvents(thread.id, message.id));
    return { message, events };
  });
  await publishLive(events);
  return message;
}

/**
 * The shopper has seen the thread up to now (its page or panel is open and visible): a reply they
 * saw is not mailed to them.
 */
export async function markShopperSeen(ctx: SupportCtx, threadId: string) {
  await requireThreadOwner(ctx.db, ctx, threadId);
  await ctx.db.supportThread.update({ where: { id: threadId }, data: { shopperSeenAt: new Date() } });
  return { threadId };
}

/** The thread's new messages and its close, live, for its owner. */
export async function watchThread(ctx: SupportCtx, threadId: string, live: LiveOptions) {
  await requireThreadOwner(ctx.db, ctx, threadId);
  return streamLive([{ topic: "support.thread", key: threadId }], { ...live, db: ctx.db });
}

/** What a new message in a thread tells its two audiences: the thread's readers and the staff inbox. */
export function newMessageEvents(threadId: string, messageId: string): NewLiveEvent[] {
  return [
    { topic: "support.thread", key: threadId, data: { threadId, kind: "message", messageId } },
    { topic: "support.inbox", key: "", data: { threadId, kind: "message" } },
  ];
}
