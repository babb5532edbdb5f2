import "server-only";
import type { Db } from "./db/client";

const DAY_MS = 24 * 3600_000;

/**
 * How long records that only pile up are kept (the hourly records.prune job). Each rule deletes
 * what no page or caller can need any more; what is still in flight (a pending webhook delivery, a
 * mail not yet sent) and what is kept for good (orders, audit log, conversations) has no rule.
 * Idempotency keys and live events have their own jobs, beside the code that reads them.
 */
export const RETENTION = {
  /** Expired sign-in sessions (a session's owner prunes their own at sign-in; most never return). */
  sessions: 0,
  /** Expired sign-in and verification links. */
  verificationTokens: 0,
  /** Delivered or given-up webhook deliveries, with their attempts, 30 days after their last attempt. */
  webhookDeliveries: 30 * DAY_MS,
  /** Mail sent or given up, 30 days after it was written (long enough to answer "did it go out?"). */
  sentMail: 30 * DAY_MS,
  /** The assistant's answers kept for staff review of refusals and ratings. */
  assistantTurns: 90 * DAY_MS,
} as const;

export type PrunedCounts = Record<keyof typeof RETENTION, number>;

/** Deletes every record past its retention; returns how many of each went. */
export async function pruneOldRecords(db: Db, now = new Date()): Promise<PrunedCounts> {
  const before = (kind: keyof typeof RETENTION) => new Date(now.getTime() - RETENTION[kind]);
  // One after another: a prune is background work and must not take several pool connections.
  const sessions = await db.session.deleteMany({ where: { expires: { lt: before("sessions") } } });
  const verificationTokens = await db.verificationToken.deleteMany({
    where: { expires: { lt: before("verificationTokens") } },
  });
  const webhookDeliveries = await db.webhookDelivery.deleteMany({
    where: { status: { in: ["SUCCEEDED", "FAILED"] }, updatedAt: { lt: before("webhookDeliveries") } },
  });
  const sentMail = await db.outboxMail.deleteMany({
    where: { status: { in: ["SENT", "FAILED"] }, createdAt: { lt: before("sentMail") } },
  });
  const assistantTurns = await db.assistantTurn.deleteMany({ where: { createdAt: { lt: before("assistantTurns") } } });
  return {
    sessions: sessions.count,
    verificationTokens: verificationTokens.count,
    webhookDeliveries: webhookDeliveries.count,
    sentMail: sentMail.count,
    assistantTurns: assistantTurns.count,
  };
}
