import { z } from "zod";
import { cursorPageInput, idInput, text } from "../inputs";

/** The events an endpoint may subscribe to. `ping` is only ever sent by "Send test". */
export const WEBHOOK_EVENT_TYPES = ["order.created", "order.paid", "order.shipped", "order.cancelled"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export type WebhookDeliveryEventType = WebhookEventType | "ping";

export const WEBHOOK_DELIVERY_STATUSES = ["PENDING", "SUCCEEDED", "FAILED"] as const;

/** Endpoints one account may register. */
export const MAX_WEBHOOK_ENDPOINTS = 20;

const isHttpUrl = (value: string) => {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === "http:" || protocol === "https:";
};

export const webhookUrlInput = text({ max: 2048 })
  .min(1, { error: "Enter the URL we should send events to." })
  .refine(isHttpUrl, { error: "Enter an http:// or https:// URL." });

export const webhookEventsInput = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: "Not an event we send." }))
  .min(1, { error: "Choose at least one event." })
  .max(WEBHOOK_EVENT_TYPES.length, { error: "Choose each event once." })
  .transform((events) => [...new Set(events)]);

const descriptionInput = text({ max: 200 });

/** Every customer's order events, not just the owner's: staff callers only (FORBIDDEN otherwise). */
const receivesAllOrdersInput = z.boolean();

export const createWebhookEndpointInput = z.strictObject({
  url: webhookUrlInput,
  events: webhookEventsInput,
  description: descriptionInput.optional(),
  receivesAllOrders: receivesAllOrdersInput.optional(),
});
export type CreateWebhookEndpointInput = z.infer<typeof createWebhookEndpointInput>;

export const webhookEndpointIdInput = z.strictObject({ endpointId: idInput });

export const updateWebhookEndpointInput = z.strictObject({
  endpointId: idInput,
  url: webhookUrlInput.optional(),
  events: webhookEventsInput.optional(),
  /** An empty description clears it. */
  description: descriptionInput.optional(),
  receivesAllOrders: receivesAllOrdersInput.optional(),
});
export type UpdateWebhookEndpointInput = z.infer<typeof updateWebhookEndpointInput>;

export const setWebhookEndpointEnabledInput = z.strictObject({ endpointId: idInput, enabled: z.boolean() });

export const listWebhookDeliveriesInput = cursorPageInput({ defaultLimit: 20, maxLimit: 100 }).extend({
  endpointId: idInput,
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
});
export type ListWebhookDeliveriesInput = z.infer<typeof listWebhookDeliveriesInput>;

export const webhookDeliveryIdInput = z.strictObject({ deliveryId: idInput });

/** What the owner sees of an endpoint: never the secret (shown once, by create and rollSecret). */
export const webhookEndpointSelect = {
  id: true,
  url: true,
  events: true,
  description: true,
  receivesAllOrders: true,
  enabledAt: true,
  disabledAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

export const webhookDeliverySelect = {
  id: true,
  endpointId: true,
  eventType: true,
  eventId: true,
  status: true,
  attempts: true,
  lastStatusCode: true,
  lastError: true,
  lastDurationMs: true,
  nextAttemptAt: true,
  deliveredAt: true,
  createdAt: true,
} as const;
