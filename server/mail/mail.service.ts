import "server-only";
import { randomUUID } from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import pLimit, { type LimitFunction } from "p-limit";
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
  /** The job attempt's signal: once aborted (another worker has the job now), nothing is claimed or sent. */
  signal?: AbortSignal;
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
export async function sendMail(ctx: MailCtx, mail: OutgoingMail): Promise<void> {
  if (!ctx.smtpUrl) return deliver(ctx, mail);
  // Only mails about to get an SMTP connection are claimed (SENDING): a crash then leaves a few
  // in doubt, not every job that was waiting for a connection.
  await smtpSlots(ctx.smtpUrl)(() => {
    // Waiting for a connection can outlast the attempt (heartbeat lost, shutdown): its retry sends it.
    ctx.signal?.throwIfAborted();
    return deliver(ctx, mail);
  });
}

async function deliver(ctx: MailCtx, mail: OutgoingMail) {
  const claimed = await claimMail(ctx, mail);
  if (!claimed) {
    ctx.log.info({ dedupeKey: mail.dedupeKey }, "mail already sent");
    return;
  }
  if (!ctx.smtpUrl) {
    ctx.log.info({ mailId: claimed.id, template: mail.template, transport: "dev-mailbox" }, "mail sent");
    return;
  }
  if (claimed.previousStatus === "SENDING")
    ctx.log.warn(
      { mailId: claimed.id },
      "mail in doubt: an earlier attempt stopped after handing it to SMTP; resending with the same Message-ID",
    );
  const handedOver = performance.now();
  try {
    await transport(ctx.smtpUrl).sendMail({
      from: ctx.from,
      to: claimed.to,
      subject: claimed.subject,
      text: claimed.text,
      html: claimed.html,
      messageId: messageIdOf(claimed.id),
    });
  } catch (error) {
    // The server refused it or never got it: nothing is in doubt, so back to PENDING for the retry.
    await ctx.db.outboxMail.update({
      where: { id: claimed.id },
      data: { status: "PENDING", lastError: (error as Error).message.slice(0, 1000) },
    });
    throw error;
  }
  const accepted = performance.now();
  // The server has the mail: a failure to record that now would resend it, so try a few times.
  await retrying(() =>
    ctx.db.outboxMail.update({
      where: { id: claimed.id },
      data: { status: "SENT", sentAt: new Date(), transport: "smtp", lastError: null },
    }),
  );
  // commitMs is the window in which a crash leaves an accepted mail unmarked (a duplicate).
  const timing = { smtpMs: Math.round(accepted - handedOver), commitMs: Math.round(performance.now() - accepted) };
  ctx.log.info({ mailId: claimed.id, template: mail.template, transport: "smtp", ...timing }, "mail sent");
}

/** Runs `write` up to 4 times, 0.25 s, 1 s and 3 s apart, before giving up with its error. */
async function retrying<T>(write: () => Promise<T>): Promise<T> {
  for (const delayMs of [250, 1000, 3000]) {
    try {
      return await write();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
  return write();
}

/** The stable Message-ID of an outbox mail: a resent mail carries the same one. */
export const messageIdOf = (mailId: string) => `<${mailId}@shopwise>`;

type Claimed = { id: string; to: string; subject: string; text: string; html: string; previousStatus: string | null };

/**
 * One statement, committed on its own (no transaction around it, so it survives a kill -9):
 * stores the mail or finds it by dedupe key, and unless it is SENT already marks it SENDING
 * (about to go to SMTP) or, without SMTP, SENT to the dev mailbox. Returns the stored content
 * and the status before, or nothing when it was sent already. Prisma's upsert took five round
 * trips (a transaction of three statements) where this takes one.
 */
async function claimMail(ctx: MailCtx, mail: OutgoingMail): Promise<Claimed | undefined> {
  const status = ctx.smtpUrl ? "SENDING" : "SENT";
  const transport = ctx.smtpUrl ? null : "dev-mailbox";
  // Prisma's cuid() default is applied by its client only; raw inserts bring their own id.
  const [row] = await ctx.db.$queryRaw<Claimed[]>`
    WITH previous AS (SELECT status::text FROM "OutboxMail" WHERE "dedupeKey" = ${mail.dedupeKey})
    INSERT INTO "OutboxMail" ("id", "dedupeKey", "template", "to", "subject", "text", "html", "correlationId",
                              "status", "attempts", "sendingAt", "sentAt", "transport")
    VALUES (${randomUUID()}, ${mail.dedupeKey}, ${mail.template}, ${mail.to}, ${mail.subject}, ${mail.text},
            ${mail.html}, ${mail.correlationId ?? currentCorrelationId() ?? null}, ${status}::"MailStatus", 1,
            CASE WHEN ${status} = 'SENDING' THEN now() END, CASE WHEN ${status} = 'SENT' THEN now() END, ${transport})
    ON CONFLICT ("dedupeKey") DO UPDATE SET
      "status" = EXCLUDED."status",
      "attempts" = "OutboxMail"."attempts" + 1,
      "sendingAt" = COALESCE(EXCLUDED."sendingAt", "OutboxMail"."sendingAt"),
      "sentAt" = EXCLUDED."sentAt",
      "transport" = EXCLUDED."transport",
      "lastError" = NULL
    WHERE "OutboxMail"."status" <> 'SENT'
    RETURNING "id", "to", "subject", "text", "html", (SELECT status FROM previous) AS "previousStatus"`;
  return row;
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

/** SMTP connections per URL (pooled); `maxConnections=` in SMTP_URL overrides it. */
const SMTP_CONNECTIONS = 16;
/** Connect, greeting and idle-socket timeout of SMTP, well inside a mail job's expiry. */
const SMTP_TIMEOUT_MS = 30_000;

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
    if (!url.searchParams.has("maxConnections")) url.searchParams.set("maxConnections", String(SMTP_CONNECTIONS));
    if (!url.searchParams.has("maxMessages")) url.searchParams.set("maxMessages", "1000");
    // nodemailer waits up to 2 min to connect and 10 min on a silent socket, past the job's 120 s
    // expiry: the retry would then resend a mail the first attempt may still deliver.
    for (const timeout of ["connectionTimeout", "greetingTimeout", "socketTimeout"])
      if (!url.searchParams.has(timeout)) url.searchParams.set(timeout, String(SMTP_TIMEOUT_MS));
    transports.set(smtpUrl, (t = nodemailer.createTransport(url.toString())));
  }
  return t;
}

const slots = new Map<string, LimitFunction>();
/** Mails claimed at once per SMTP URL: two per pooled connection, so none waits idle for a claim. */
function smtpSlots(smtpUrl: string): LimitFunction {
  let limit = slots.get(smtpUrl);
  if (!limit) {
    const connections = Number(new URL(smtpUrl).searchParams.get("maxConnections")) || SMTP_CONNECTIONS;
    slots.set(smtpUrl, (limit = pLimit(2 * connections)));
  }
  return limit;
}

/** Closes pooled SMTP connections (process shutdown). */
export function closeMailTransports() {
  for (const t of transports.values()) t.close();
  transports.clear();
}
