import "server-only";
import { recordAudit } from "../admin/audit";
import { Prisma } from "../db/client";
import { cursorPage, afterCursor } from "../db/pagination";
import { ConflictError, NotFoundError } from "../errors";
import { enqueue } from "../jobs/queue";
import { sendSupportReplyMail } from "../jobs/send-support-reply-mail";
import { getEnv } from "../env";
import { publishLive, recordLive, streamLive, type LiveOptions } from "../realtime/live";
import type { UserCtx } from "../users/users.service";
import { storedTranscript, type ListSupportInboxInput, type PostSupportMessageInput } from "./support.schemas";
import { newMessageEvents } from "./support.service";

/**
 * The back office's side of support: the inbox, a thread with its handed-over chat, replies and
 * closing. Callers are staff (the router's staffProcedure); reading a thread, replying and closing
 * are audited, so who looked at a shopper's conversation is on record.
 */

/** A staff member's reading of one thread is audited at most once per this window. */
export const VIEW_AUDIT_WINDOW_MS = 60 * 60_000;

const PREVIEW_CHARS = 160;

const threadNotFound = () =>
  new NotFoundError(
    "SUPPORT_THREAD_NOT_FOUND",
    "There is no support conversation with this id; it may have been deleted.",
  );

/** Open (or closed) threads, newest activity first, with the shopper's messages staff have not read. */
export async function listInbox(ctx: UserCtx, input: ListSupportInboxInput) {
  const rows = await ctx.db.supportThread.findMany({
    where: { status: input.status },
    orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
    ...afterCursor(input),
    select: {
      id: true,
      status: true,
      contactEmail: true,
      transcript: true,
      lastMessageAt: true,
      createdAt: true,
      staffSeenAt: true,
      user: { select: { name: true } },
      messages: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { author: true, body: true } },
    },
  });
  const page = cursorPage(rows, input);
  const ids = page.items.map((t) => t.id);
  const unread = ids.length
    ? await ctx.db.$queryRaw<{ threadId: string; unread: number }[]>`
        SELECT m."threadId", count(*)::int AS unread
        FROM "SupportMessage" m JOIN "SupportThread" t ON t.id = m."threadId"
        WHERE m."threadId" IN (${Prisma.join(ids)}) AND m.author = 'SHOPPER'
          AND m."createdAt" > COALESCE(t."staffSeenAt", '-infinity'::timestamp)
        GROUP BY m."threadId"`
    : [];
  const unreadOf = new Map(unread.map((u) => [u.threadId, u.unread]));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map(({ messages, transcript, user, staffSeenAt, ...t }) => {
      const last = messages[0];
      const question = storedTranscript(transcript).findLast((m) => m.role === "user")?.text ?? "";
      return {
        ...t,
        shopperName: user?.name ?? null,
        signedIn: !!user,
        unread: unreadOf.get(t.id) ?? 0,
        // No staff member has opened it yet: the handoff itself is news.
        isNew: !staffSeenAt,
        preview: (last?.body ?? question).slice(0, PREVIEW_CHARS),
        lastAuthor: last?.author ?? null,
      };
    }),
  };
}

/** A thread for staff, with the chat it was handed over with; the reading is audited (once an hour per staff member). */
export async function getThreadForStaff(ctx: UserCtx, threadId: string) {
  const thread = await ctx.db.supportThread.findUnique({
    where: { id: threadId },
    select: {
      id: true,
      status: true,
      contactEmail: true,
      transcript: true,
      createdAt: true,
      closedAt: true,
      staffSeenAt: true,
      shopperSeenAt: true,
      conversationId: true,
      user: { select: { id: true, name: true, email: true } },
      messages: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: 500,
        select: { id: true, author: true, body: true, createdAt: true, authorUser: { select: { name: true } } },
      },
    },
  });
  if (!thread) throw threadNotFound();
  const since = new Date(Date.now() - VIEW_AUDIT_WINDOW_MS);
  const viewed = await ctx.db.auditLog.count({
    where: {
      actorId: ctx.user.id,
      action: "support.view",
      entity: "SupportThread",
      entityId: threadId,
      createdAt: { gt: since },
    },
  });
  if (!viewed)
    await ctx.db.$transaction((tx) =>
      recordAudit(tx, ctx, [{ action: "support.view", entity: "SupportThread", entityId: threadId }]),
    );
  const { messages, transcript, ...rest } = thread;
  return {
    ...rest,
    transcript: storedTranscript(transcript),
    messages: messages.map(({ authorUser, ...m }) => ({ ...m, authorName: authorUser?.name ?? null })),
  };
}

/** Staff have read the thread up to now: its unread badge goes, in every inbox. */
export async function markStaffSeen(ctx: UserCtx, threadId: string) {
  const { count } = await ctx.db.supportThread.updateMany({
    where: { id: threadId },
    data: { staffSeenAt: new Date() },
  });
  if (!count) throw threadNotFound();
  await publishLive(await recordLive(ctx.db, [{ topic: "support.inbox", key: "", data: { threadId, kind: "seen" } }]));
  return { threadId };
}

/** Locks the thread (a reply and a close cannot cross) and returns its status. */
async function lockThread(tx: Prisma.TransactionClient, threadId: string) {
  const [row] = await tx.$queryRaw<{ status: string }[]>`
    SELECT status::text FROM "SupportThread" WHERE id = ${threadId} FOR UPDATE`;
  if (!row) throw threadNotFound();
  return row.status;
}

/**
 * A staff reply. The reply mail is enqueued with it, delayed: if the shopper has not seen the reply
 * by then, they are mailed a link back (one mail per burst: ../jobs/send-support-reply-mail.ts).
 */
export async function postStaffMessage(ctx: UserCtx, input: PostSupportMessageInput) {
  const { message, events } = await ctx.db.$transaction(async (tx) => {
    if ((await lockThread(tx, input.threadId)) !== "OPEN")
      throw new ConflictError("SUPPORT_THREAD_CLOSED", "This conversation is closed; the shopper can start a new one.");
    const message = await tx.supportMessage.create({
      data: { threadId: input.threadId, author: "STAFF", authorId: ctx.user.id, body: input.body },
      select: { id: true, createdAt: true },
    });
    await tx.supportThread.update({
      where: { id: input.threadId },
      data: { lastMessageAt: message.createdAt, staffSeenAt: message.createdAt },
    });
    await recordAudit(tx, ctx, [
      { action: "support.reply", entity: "SupportThread", entityId: input.threadId, after: { messageId: message.id } },
    ]);
    await enqueue(
      sendSupportReplyMail,
      { threadId: input.threadId },
      { tx, startAfterSeconds: getEnv().SUPPORT_REPLY_MAIL_DELAY_SECONDS },
    );
    const events = await recordLive(tx, newMessageEvents(input.threadId, message.id));
    return { message, events };
  });
  await publishLive(events);
  return message;
}

/** Closes the thread: the shopper is told in it and can no longer write; closing twice is a no-op. */
export async function closeThread(ctx: UserCtx, threadId: string) {
  const events = await ctx.db.$transaction(async (tx) => {
    if ((await lockThread(tx, threadId)) === "CLOSED") return [];
    const closedAt = new Date();
    await tx.supportThread.update({ where: { id: threadId }, data: { status: "CLOSED", closedAt } });
    const note = await tx.supportMessage.create({
      data: { threadId, author: "SYSTEM", body: "This conversation was closed by Shopwise support." },
      select: { id: true },
    });
    await recordAudit(tx, ctx, [
      {
        action: "support.close",
        entity: "SupportThread",
        entityId: threadId,
        before: { status: "OPEN" },
        after: { status: "CLOSED" },
      },
    ]);
    return recordLive(tx, [
      { topic: "support.thread", key: threadId, data: { threadId, kind: "closed", messageId: note.id } },
      { topic: "support.inbox", key: "", data: { threadId, kind: "closed" } },
    ]);
  });
  await publishLive(events);
  return { threadId, status: "CLOSED" as const };
}

/** The inbox's changes, live: threads opened, written to, read or closed. */
export function watchInbox(ctx: UserCtx, live: LiveOptions) {
  return streamLive([{ topic: "support.inbox", key: "" }], { ...live, db: ctx.db });
}

/** One thread's new messages and its close, live, for staff. */
export async function watchThreadForStaff(ctx: UserCtx, threadId: string, live: LiveOptions) {
  if (!(await ctx.db.supportThread.count({ where: { id: threadId } }))) throw threadNotFound();
  return streamLive([{ topic: "support.thread", key: threadId }], { ...live, db: ctx.db });
}
