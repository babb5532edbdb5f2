import "server-only";
import type { Db } from "../db/client";
import type { MailContent } from "../mail/mail.service";
import { supportReplyMail } from "../mail/templates/support-reply";
import { ACCESS_TOKEN_LIFETIME_DAYS, newAccessToken } from "./support-access";

/**
 * The reply mail of a thread, if one is due: staff wrote since the shopper last looked and since
 * the last reply mail. Keyed by the newest such reply, so the jobs of one burst of replies (one per
 * reply) agree on one mail. A visitor's link carries a new access token: only hashes are stored,
 * so the cookie's token cannot be put in a mail, and each mail gets its own — minted only when
 * the mail is first written, so a retried job sends the same link.
 */
export async function dueReplyMail(db: Db, threadId: string, appUrl: string) {
  const thread = await db.supportThread.findUnique({
    where: { id: threadId },
    select: {
      userId: true,
      contactEmail: true,
      shopperSeenAt: true,
      shopperMailedAt: true,
      user: { select: { email: true, name: true } },
    },
  });
  if (!thread) return null;
  const floor = Math.max(thread.shopperSeenAt?.getTime() ?? 0, thread.shopperMailedAt?.getTime() ?? 0);
  const unseen = await db.supportMessage.findMany({
    where: { threadId, author: "STAFF", createdAt: { gt: new Date(floor) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, body: true, createdAt: true, authorUser: { select: { name: true } } },
  });
  const newest = unseen[0];
  if (!newest) return null;
  const dedupeKey = `support-reply:${threadId}:${newest.id}`;
  const written = await db.outboxMail.findUnique({
    where: { dedupeKey },
    select: { subject: true, text: true, html: true },
  });
  let content: MailContent;
  if (written) content = written;
  else {
    let path = `/support/${threadId}`;
    let linkValidDays: number | undefined;
    if (!thread.userId) {
      const { token, tokenHash } = newAccessToken();
      await db.supportAccessToken.create({ data: { tokenHash, threadId } });
      path = `/support/${threadId}/access?token=${token}`;
      linkValidDays = ACCESS_TOKEN_LIFETIME_DAYS;
    }
    content = supportReplyMail(
      { name: thread.user?.name ?? null },
      { body: newest.body, count: unseen.length, staffName: newest.authorUser?.name?.split(" ")[0] ?? null },
      new URL(path, appUrl).toString(),
      linkValidDays,
    );
  }
  return { dedupeKey, to: thread.user?.email ?? thread.contactEmail, content, newestAt: newest.createdAt };
}

/** Records that the shopper was mailed about the replies up to `newestAt` (never moves back). */
export async function markReplyMailed(db: Db, threadId: string, newestAt: Date) {
  await db.supportThread.updateMany({
    where: { id: threadId, OR: [{ shopperMailedAt: null }, { shopperMailedAt: { lt: newestAt } }] },
    data: { shopperMailedAt: newestAt },
  });
}
