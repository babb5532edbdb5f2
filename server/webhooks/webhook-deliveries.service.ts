import "server-only";
import type { Db } from "../db/client";
import { afterCursor, cursorPage } from "../db/pagination";
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError } from "../errors";
import { deliverWebhookJob } from "../jobs/deliver-webhook";
import { enqueue } from "../jobs/queue";
import { consumeOrRefuse, createLimiter, type Limiter } from "../rate-limit";
import type { UserCtx } from "../users/users.service";
import { deliveryRefusal, endpointAccessSelect } from "./delivery-access";
import { buildEvent, createDelivery } from "./events";
import { requireWebhookEndpointOwner } from "./webhooks.service";
import { webhookDeliverySelect, type ListWebhookDeliveriesInput } from "./webhooks.schemas";

const ATTEMPTS_SHOWN = 10;

/**
 * "Send test" and "Resend" POST on demand, past the API's general write limit's spirit: each is
 * an outbound request we make, so one account may make at most this many per endpoint a minute.
 */
export const MANUAL_SENDS_PER_ENDPOINT_PER_MINUTE = 10;

let manualSends: { db: Db; limiter: Limiter } | undefined;

/** Counts one manual send to `endpointId` by `userId`; RATE_LIMITED (429, Retry-After) past the cap. */
async function consumeManualSend(ctx: UserCtx, endpointId: string) {
  if (manualSends?.db !== ctx.db)
    manualSends = {
      db: ctx.db,
      limiter: createLimiter(ctx.db, {
        keyPrefix: "webhooks:manual-send",
        points: MANUAL_SENDS_PER_ENDPOINT_PER_MINUTE,
        duration: 60,
      }),
    };
  await consumeOrRefuse(
    manualSends.limiter,
    `${ctx.user.id}:${endpointId}`,
    (retryAfterSeconds) =>
      new RateLimitedError(
        "WEBHOOK_SENDS_THROTTLED",
        `At most ${MANUAL_SENDS_PER_ENDPOINT_PER_MINUTE} test sends and resends per endpoint a minute. Try again in ${retryAfterSeconds} s.`,
        { retryAfterSeconds, limit: MANUAL_SENDS_PER_ENDPOINT_PER_MINUTE },
      ),
  );
}

/** One endpoint's deliveries, newest first, with their latest attempts; filter by status. */
export async function listWebhookDeliveries(ctx: UserCtx, input: ListWebhookDeliveriesInput) {
  const endpoint = await requireWebhookEndpointOwner(ctx.db, ctx.user, input.endpointId);
  const rows = await ctx.db.webhookDelivery.findMany({
    where: { endpointId: endpoint.id, ...(input.status && { status: input.status }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...afterCursor(input),
    select: {
      ...webhookDeliverySelect,
      attemptsLog: {
        select: { number: true, statusCode: true, error: true, durationMs: true, createdAt: true },
        orderBy: { number: "desc" },
        take: ATTEMPTS_SHOWN,
      },
    },
  });
  return cursorPage(rows, input);
}

/** The delivery and its endpoint, if `user` owns that endpoint; NOT_FOUND for anyone else. */
async function requireDeliveryOwner(ctx: UserCtx, deliveryId: string) {
  const delivery = await ctx.db.webhookDelivery.findFirst({
    where: { id: deliveryId, endpoint: { userId: ctx.user.id } },
    select: { id: true, status: true, endpointId: true, payload: true, endpoint: { select: endpointAccessSelect } },
  });
  if (!delivery) throw new NotFoundError("WEBHOOK_DELIVERY_NOT_FOUND", "We could not find this webhook delivery.");
  return { delivery, endpoint: await requireWebhookEndpointOwner(ctx.db, ctx.user, delivery.endpointId) };
}

function assertEnabled(endpoint: { disabledAt: Date | null }) {
  if (endpoint.disabledAt)
    throw new ConflictError("WEBHOOK_ENDPOINT_DISABLED", "This endpoint is disabled; enable it to send to it.", {
      field: "endpointId",
    });
}

/**
 * Sends a settled delivery again, same event and payload, as a fresh series of attempts. A
 * delivery still being retried is refused: its next attempt is already scheduled.
 */
export async function resendWebhookDelivery(ctx: UserCtx, input: { deliveryId: string }) {
  const { delivery, endpoint } = await requireDeliveryOwner(ctx, input.deliveryId);
  assertEnabled(endpoint);
  // The event was allowed when it was emitted; the owner's role or account may have changed since.
  const refusal = deliveryRefusal(delivery.endpoint, delivery.payload);
  if (refusal)
    throw new ForbiddenError("WEBHOOK_DELIVERY_NOT_ALLOWED", `This delivery cannot be sent again: ${refusal}.`, {
      field: "deliveryId",
    });
  await consumeManualSend(ctx, endpoint.id);
  await ctx.db.$transaction(async (tx) => {
    // Conditional on the status read, so two resends at once enqueue one series.
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, status: { not: "PENDING" } },
      data: { status: "PENDING", nextAttemptAt: new Date() },
    });
    if (count === 0)
      throw new ConflictError(
        "WEBHOOK_DELIVERY_PENDING",
        "This delivery is still being attempted; its next attempt is already scheduled.",
        { field: "deliveryId" },
      );
    await enqueue(deliverWebhookJob, { deliveryId: delivery.id }, { tx });
  });
  ctx.log.info({ deliveryId: delivery.id }, "webhook delivery resent");
  return { deliveryId: delivery.id };
}

/** Sends a `ping` event to the endpoint, so its owner can check the receiver and the signature. */
export async function sendWebhookTest(ctx: UserCtx, input: { endpointId: string }) {
  const endpoint = await requireWebhookEndpointOwner(ctx.db, ctx.user, input.endpointId);
  assertEnabled(endpoint);
  await consumeManualSend(ctx, endpoint.id);
  const event = buildEvent("ping", { endpoint: { id: endpoint.id, url: endpoint.url } });
  const delivery = await ctx.db.$transaction((tx) => createDelivery(tx, endpoint.id, event));
  return { deliveryId: delivery.id, eventId: event.id };
}
