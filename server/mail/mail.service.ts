import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "../db/client";
import { afterCursor, cursorPage } from "../db/pagination";
import type { Logger } from "../observability/logger";
import { currentCorrelationId } from "../observability/request-context";

/**
 * Transactional mail through an outbox table: a mail is stored first (idempotently, by its
 * dedupe key), then delivered over SMTP when SMTP_URL is set, or kept for the dev mailbox.
 */

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface MailCtx {
  db: Db;
  log: Logger;
  smtpUrl?: string;
  from: string;
}

export interface OutgoingMail extends MailContent {
  dedupeKey: string;
  template: string;
  to: string;
  correlationId?: string;
}

/**
 * Stores the mail unless one with the same dedupe key exists, then delivers it once. Before the
 * mail goes to SMTP its row is committed as SENDING, so a crash can leave only that mail in
 * doubt: the retry sends it again with the same Message-ID (docs/decisions/005).
 */
export async function sendMail(ctx: MailCtx, mail: OutgoingMail) {
  const stored = await ctx.db.outboxMail.upsert({
    where: { dedupeKey: mail.dedupeKey },
    create: { ...mail, correlationId: mail.correlationId ?? currentCorrelationId() },
    update: {},
  });
  if (stored.status === "SENT") {
    ctx.log.info({ mailId: stored.id, dedupeKey: mail.dedupeKey }, "mail already sent");
    return stored;
  }
  if (!ctx.smtpUrl) return markSent(ctx, stored.id, "dev-mailbox");

  if (stored.status === "SENDING")
    ctx.log.warn(
      { mailId: stored.id, since: stored.sendingAt },
      "mail in doubt: an earlier attempt stopped after handing it to SMTP; resending with the same Message-ID",
    );
  // Committed before the hand-off (no transaction around it), so it survives a kill -9.
  await ctx.db.outboxMail.update({
    where: { id: stored.id },
    data: { status: "SENDING", sendingAt: new Date(), attempts: { increment: 1 } },
  });
  try {
    await transport(ctx.smtpUrl).sendMail({
      from: ctx.from,
      to: stored.to,
      subject: stored.subject,
      text: stored.text,
      html: stored.html,
      messageId: messageIdOf(stored.id),
    });
  } catch (error) {
    // The server refused it or never got it: nothing is in doubt, so back to PENDING for the retry.
    await ctx.db.outboxMail.update({
      where: { id: stored.id },
      data: { status: "PENDING", lastError: (error as Error).message.slice(0, 1000) },
    });
    throw error;
  }
  return markSent(ctx, stored.id, "smtp");
}

/** The stable Message-ID of an outbox mail: a resent mail carries the same one. */
export const messageIdOf = (mailId: string) => `<${mailId}@shopwise>`;

async function markSent(ctx: MailCtx, id: string, transport: "smtp" | "dev-mailbox") {
  const sent = await ctx.db.outboxMail.update({
    where: { id },
    data: {
      status: "SENT",
      sentAt: new Date(),
      transport,
      lastError: null,
      ...(transport === "dev-mailbox" && { attempts: { increment: 1 } }),
    },
  });
  ctx.log.info({ mailId: sent.id, template: sent.template, transport }, "mail sent");
  return sent;
}

/** Marks a mail whose delivery job has run out of retries. */
export async function markMailFailed(db: Db, dedupeKey: string) {
  await db.outboxMail.updateMany({ where: { dedupeKey, status: { not: "SENT" } }, data: { status: "FAILED" } });
}

export async function listOutbox(db: Db, input: { cursor?: string; limit: number }) {
  const rows = await db.outboxMail.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...afterCursor(input),
    select: {
      id: true,
      to: true,
      subject: true,
      text: true,
      status: true,
      transport: true,
      createdAt: true,
      sentAt: true,
    },
  });
  return cursorPage(rows, input);
}

const transports = new Map<string, Transporter>();
/**
 * One pooled transport per SMTP URL: connections stay open between mails (a new connection and
 * handshake per mail capped a worker at a few dozen mails a second). `?pool=false` or
 * `maxConnections=` in SMTP_URL override the defaults.
 */
function transport(smtpUrl: string): Transporter {
  let t = transports.get(smtpUrl);
  if (!t) {
    const url = new URL(smtpUrl);
    if (!url.searchParams.has("pool")) url.searchParams.set("pool", "true");
    if (!url.searchParams.has("maxConnections")) url.searchParams.set("maxConnections", "8");
    if (!url.searchParams.has("maxMessages")) url.searchParams.set("maxMessages", "1000");
    transports.set(smtpUrl, (t = nodemailer.createTransport(url.toString())));
  }
  return t;
}

/** Closes pooled SMTP connections (process shutdown). */
export function closeMailTransports() {
  for (const t of transports.values()) t.close();
  transports.clear();
}
