import "server-only";
import { Prisma, type Db } from "./db/client";
import { ACCESS_TOKEN_LIFETIME_MS } from "./support/support-access";

const DAY_MS = 24 * 3600_000;

/**
 * How long records that only pile up are kept (the hourly records.prune job). Each rule deletes
 * what no page or caller needs any more; what is still in flight (a webhook delivery being retried,
 * a mail not yet sent) and what is kept for good (orders, the audit log, conversations and the
 * answers in them) has no rule. Idempotency keys and live events have their own jobs, beside the
 * code that reads them.
 */
export const RETENTION = {
  /** Expired sign-in sessions (a session's owner prunes their own at sign-in; most never return). */
  sessions: 0,
  /** Delivered or given-up webhook deliveries, with their attempts, 30 days after their last attempt. */
  webhookDeliveries: 30 * DAY_MS,
  /** Mail sent or given up, 30 days after it was written (long enough to answer "did it go out?"). */
  sentMail: 30 * DAY_MS,
  /** Anonymous visitors' assistant answers, kept 90 days for staff review (shoppers' go with their conversation). */
  visitorTurns: 90 * DAY_MS,
  /** Visitors' support access tokens, once they no longer open their thread. */
  supportAccessTokens: ACCESS_TOKEN_LIFETIME_MS,
} as const;

type Kind = keyof typeof RETENTION;
export type PrunedCounts = Record<Kind, number>;

/** Each kind's table and which of its rows are past `cutoff` (a UTC timestamp, as Prisma stores them). */
const RULES: Record<Kind, { table: string; pastCutoff: (cutoff: Prisma.Sql) => Prisma.Sql }> = {
  sessions: { table: "Session", pastCutoff: (cutoff) => Prisma.sql`expires < ${cutoff}` },
  webhookDeliveries: {
    table: "WebhookDelivery",
    pastCutoff: (cutoff) => Prisma.sql`status IN ('SUCCEEDED', 'FAILED') AND "updatedAt" < ${cutoff}`,
  },
  sentMail: {
    table: "OutboxMail",
    pastCutoff: (cutoff) => Prisma.sql`status IN ('SENT', 'FAILED') AND "createdAt" < ${cutoff}`,
  },
  visitorTurns: {
    table: "AssistantTurn",
    pastCutoff: (cutoff) => Prisma.sql`"conversationId" IS NULL AND "createdAt" < ${cutoff}`,
  },
  supportAccessTokens: { table: "SupportAccessToken", pastCutoff: (cutoff) => Prisma.sql`"createdAt" < ${cutoff}` },
};

/** Rows per DELETE: short statements, so a large backlog never holds locks or a connection for long. */
const BATCH = 2_000;
/** A run stops starting batches after this long (a cron function has 60 s); the next run goes on. */
const RUN_BUDGET_MS = 40_000;

/**
 * Deletes records past their retention, in batches, one kind after another, until none is left or
 * the run's time is up; returns how many of each went and whether some are left for the next run.
 */
export async function pruneOldRecords(db: Db, now = new Date()): Promise<{ pruned: PrunedCounts; more: boolean }> {
  const deadline = Date.now() + RUN_BUDGET_MS;
  const pruned = { sessions: 0, webhookDeliveries: 0, sentMail: 0, visitorTurns: 0, supportAccessTokens: 0 };
  for (const kind of Object.keys(RULES) as Kind[]) {
    const { table, pastCutoff } = RULES[kind];
    const cutoff = Prisma.sql`${new Date(now.getTime() - RETENTION[kind]).toISOString()}::timestamptz AT TIME ZONE 'UTC'`;
    const from = Prisma.raw(`"${table}"`);
    for (;;) {
      if (Date.now() > deadline) return { pruned, more: true };
      const deleted = await db.$executeRaw`
        DELETE FROM ${from} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${from} WHERE ${pastCutoff(cutoff)} LIMIT ${BATCH}))`;
      pruned[kind] += deleted;
      if (deleted < BATCH) break;
    }
  }
  return { pruned, more: false };
}
