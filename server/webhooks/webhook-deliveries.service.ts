import "server-only";
import { afterCursor, cursorPage } from "../db/pagination";
import { ConflictError, NotFoundError } from "../errors";
import { deliverWebhookJob } from "../jobs/deliver-webhook";
import { enqueue } from "../jobs/queue";
import type { UserCtx } from "../users/users.service";
import { buildEvent, createDelivery } from "./events";
import { requireWebhookEndpointOwner } from "./webhooks.service";
import { webhookDeliverySelect, type ListWebhookDeliveriesInput } from "./webhooks.schemas";

const ATTEMPTS_SHOWN = 10;

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
    select: { id: true, status: true, endpointId: true },
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
  const event = buildEvent("ping", { endpoint: { id: endpoint.id, url: endpoint.url } });
  const delivery = await ctx.db.$transaction((tx) => createDelivery(tx, endpoint.id, event));
  return { deliveryId: delivery.id, eventId: event.id };
}
