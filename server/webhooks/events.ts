import "server-only";
import { randomBytes } from "node:crypto";
import type { Prisma } from "../db/client";
import { deliverWebhookJob } from "../jobs/deliver-webhook";
import { enqueue } from "../jobs/queue";
import { ALL_ORDERS_ROLES, endpointAccessSelect, mayReceiveOrder } from "./delivery-access";
import type { WebhookDeliveryEventType, WebhookEventType } from "./webhooks.schemas";

type Tx = Prisma.TransactionClient;

export interface WebhookEvent {
  id: string;
  type: WebhookDeliveryEventType;
  /** Unix seconds. */
  created: number;
  data: Record<string, unknown>;
}

/** An event as receivers get it; Dates and Decimals become strings, as in the API. */
export function buildEvent(type: WebhookDeliveryEventType, data: Record<string, unknown>): WebhookEvent {
  return {
    id: `evt_${randomBytes(18).toString("base64url")}`,
    type,
    created: Math.floor(Date.now() / 1000),
    data: JSON.parse(JSON.stringify(data)) as Record<string, unknown>,
  };
}

/** Records a delivery of `event` to one endpoint and enqueues it, both in `tx`. */
export async function createDelivery(tx: Tx, endpointId: string, event: WebhookEvent) {
  const delivery = await tx.webhookDelivery.create({
    data: { endpointId, eventType: event.type, eventId: event.id, payload: event as unknown as Prisma.InputJsonObject },
    select: { id: true },
  });
  await enqueue(deliverWebhookJob, { deliveryId: delivery.id }, { tx });
  return delivery;
}

/**
 * Emits `type` for each order, inside the transaction that made the change: the deliveries (and
 * their jobs) exist exactly when the change commits. Receivers: the enabled endpoints subscribed to
 * `type` of the order's owner, and the all-orders endpoints (`receivesAllOrders`, set by a staff
 * caller) of owners who are staff now. Endpoints of disabled accounts receive nothing.
 */
export async function emitOrderEvents<O extends { id: string; userId: string }>(
  tx: Tx,
  type: WebhookEventType,
  orders: O[],
) {
  if (!orders.length) return;
  const owners = [...new Set(orders.map((o) => o.userId))];
  const endpoints = await tx.webhookEndpoint.findMany({
    where: {
      disabledAt: null,
      events: { has: type },
      user: { disabledAt: null },
      // The owner's role is read here, in the transaction: a demoted owner's flag opens nothing.
      OR: [{ userId: { in: owners } }, { receivesAllOrders: true, user: { role: { in: [...ALL_ORDERS_ROLES] } } }],
    },
    select: { id: true, ...endpointAccessSelect },
    orderBy: { createdAt: "asc" },
  });
  if (!endpoints.length) return;
  for (const order of orders) {
    const targets = endpoints.filter((e) => mayReceiveOrder(e, order.userId));
    if (!targets.length) continue;
    const event = buildEvent(type, { order });
    for (const endpoint of targets) await createDelivery(tx, endpoint.id, event);
  }
}
