import "server-only";
import type { Db } from "../db/client";
import { getEnv } from "../env";
import type { Logger } from "../observability/logger";
import { deliveryRefusal, endpointAccessSelect } from "./delivery-access";
import { postWebhook, type PostOutcome } from "./post-webhook";
import { decryptSecret } from "./secret-storage";
import { EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signWebhookPayload } from "./signing";

/** The retry schedule of the webhook.deliver queue (pg-boss backoff: 1–2 min, 2–4 min, … capped at 3 h). */
export const WEBHOOK_RETRY = { retryLimit: 7, retryDelay: 60, retryBackoff: true, retryDelayMax: 3 * 3600 } as const;

/** Thrown so that pg-boss retries the attempt later; the attempt is already recorded. */
export class WebhookAttemptFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookAttemptFailedError";
  }
}

interface Attempt {
  retryCount: number;
  retryLimit: number;
  signal?: AbortSignal;
  /** The pg-boss queue's base delay in seconds (for the next attempt's estimate). */
  retryDelay?: number;
}

const MAX_ERROR_CHARS = 500;
/** What PostgreSQL text and the list can show: control characters out, lone surrogates repaired. */
const storable = (text: string | null) =>
  text === null
    ? null
    : text
        .replace(/[\u0000-\u001F\u007F]+/g, " ")
        .toWellFormed()
        .slice(0, MAX_ERROR_CHARS);

/** The earliest the next attempt runs: pg-boss waits retryDelay·2^n to twice that (jitter). */
function nextAttemptAt(retryCount: number, retryDelay: number) {
  const seconds = Math.min(WEBHOOK_RETRY.retryDelayMax, retryDelay * 2 ** Math.min(15, retryCount));
  return new Date(Date.now() + seconds * 1000);
}

/**
 * One attempt at a delivery: signs the stored payload with the endpoint's secret, POSTs it and
 * records what came back. A 2xx settles it (SUCCEEDED); any other answer throws
 * WebhookAttemptFailedError for pg-boss to retry, until the last attempt settles it FAILED.
 * Before sending, the owner is checked again (delivery-access.ts): a disabled owner, or one no
 * longer allowed to see the order, fails it at once. Idempotent: a delivery already settled is
 * left alone (pg-boss delivers at least once), and so is one settled or deleted mid-attempt.
 */
export async function deliverWebhook(ctx: { db: Db; log: Logger }, deliveryId: string, attempt: Attempt) {
  const delivery = await ctx.db.webhookDelivery.findUnique({
    where: { id: deliveryId },
    select: {
      id: true,
      status: true,
      eventId: true,
      eventType: true,
      payload: true,
      endpoint: {
        select: { id: true, url: true, secretCiphertext: true, disabledAt: true, ...endpointAccessSelect },
      },
    },
  });
  if (!delivery) return ctx.log.info({ deliveryId }, "webhook skipped: endpoint deleted");
  if (delivery.status !== "PENDING") return ctx.log.info({ deliveryId }, "webhook skipped: already settled");
  const { endpoint } = delivery;
  const refusal = deliveryRefusal(endpoint, delivery.payload);
  const secret = decryptSecret(endpoint.secretCiphertext);
  const outcome: PostOutcome = endpoint.disabledAt
    ? refused("endpoint disabled before delivery")
    : refusal
      ? refused(`refused: ${refusal}`)
      : !secret
        ? refused("signing secret unreadable (AUTH_SECRET changed?): roll the endpoint's secret")
        : await send(endpoint.url, delivery, secret, attempt.signal);

  const last = outcome.permanent || attempt.retryCount >= attempt.retryLimit;
  const status = outcome.ok ? "SUCCEEDED" : last ? "FAILED" : "PENDING";
  const error = storable(outcome.error);
  const facts = { deliveryId, endpointId: endpoint.id, eventType: delivery.eventType, statusCode: outcome.statusCode };
  const recorded = await record(ctx.db, delivery.id, status, error, outcome, attempt);
  // Another run settled it, or the endpoint was deleted, while this one was sending: its record stands.
  if (!recorded) return ctx.log.info(facts, "webhook attempt not recorded: settled or deleted meanwhile");
  if (outcome.ok) return ctx.log.info({ ...facts, durationMs: outcome.durationMs }, "webhook delivered");
  if (status === "FAILED") return ctx.log.warn({ ...facts, error }, "webhook delivery failed for good");
  throw new WebhookAttemptFailedError(`webhook attempt failed: ${error}`);
}

/**
 * Records the attempt on a delivery that is still PENDING; false (nothing written) when it is
 * not any more: settled by an overlapping run, or deleted with its endpoint.
 */
async function record(
  db: Db,
  deliveryId: string,
  status: "SUCCEEDED" | "FAILED" | "PENDING",
  error: string | null,
  outcome: PostOutcome,
  attempt: Attempt,
) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, status: "PENDING" },
      data: {
        status,
        attempts: { increment: 1 },
        lastStatusCode: outcome.statusCode,
        lastError: error,
        lastDurationMs: outcome.durationMs,
        nextAttemptAt:
          status === "PENDING"
            ? nextAttemptAt(attempt.retryCount, attempt.retryDelay ?? WEBHOOK_RETRY.retryDelay)
            : null,
        ...(outcome.ok && { deliveredAt: new Date() }),
      },
    });
    if (count === 0) return false;
    // The row is locked by the update until commit: this is the count it just wrote.
    const { attempts } = await tx.webhookDelivery.findUniqueOrThrow({
      where: { id: deliveryId },
      select: { attempts: true },
    });
    await tx.webhookDeliveryAttempt.create({
      data: { deliveryId, number: attempts, statusCode: outcome.statusCode, error, durationMs: outcome.durationMs },
    });
    return true;
  });
}

function send(
  url: string,
  delivery: { eventId: string; eventType: string; payload: unknown },
  secret: string,
  signal?: AbortSignal,
) {
  const body = JSON.stringify(delivery.payload);
  return postWebhook(url, body, {
    allowPrivate: getEnv().WEBHOOK_ALLOW_PRIVATE_URLS,
    signal,
    headers: {
      [SIGNATURE_HEADER]: signWebhookPayload(body, secret),
      [EVENT_ID_HEADER]: delivery.eventId,
      [EVENT_TYPE_HEADER]: delivery.eventType,
    },
  });
}

const refused = (error: string): PostOutcome => ({
  statusCode: null,
  error,
  durationMs: 0,
  ok: false,
  permanent: true,
});

/** After the last retry failed outside an attempt (the database was away): settles it FAILED. */
export async function markDeliveryExhausted(db: Db, deliveryId: string) {
  await db.webhookDelivery.updateMany({
    where: { id: deliveryId, status: "PENDING" },
    data: { status: "FAILED", nextAttemptAt: null },
  });
}
