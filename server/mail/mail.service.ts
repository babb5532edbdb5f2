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

/** Stores the mail unless one with the same dedupe key exists, then delivers it once. */
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

  await ctx.db.outboxMail.update({ where: { id: stored.id }, data: { attempts: { increment: 1 } } });
  try {
    if (ctx.smtpUrl) {
      await transport(ctx.smtpUrl).sendMail({
        from: ctx.from,
        to: stored.to,
        subject: stored.subject,
        text: stored.text,
        html: stored.html,
        // A retried job that already reached the server resends the same Message-ID.
        messageId: `<${stored.id}@shopwise>`,
      });
    }
    const sent = await ctx.db.outboxMail.update({
      where: { id: stored.id },
      data: { status: "SENT", sentAt: new Date(), transport: ctx.smtpUrl ? "smtp" : "dev-mailbox", lastError: null },
    });
    ctx.log.info({ mailId: sent.id, template: sent.template, transport: sent.transport }, "mail sent");
    return sent;
  } catch (error) {
    await ctx.db.outboxMail.update({
      where: { id: stored.id },
      data: { lastError: (error as Error).message.slice(0, 1000) },
    });
    throw error;
  }
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
  return cursorPage(rows, input.limit);
}

const transports = new Map<string, Transporter>();
function transport(smtpUrl: string): Transporter {
  let t = transports.get(smtpUrl);
  if (!t) transports.set(smtpUrl, (t = nodemailer.createTransport(smtpUrl)));
  return t;
}
