import { z } from "zod";
import { text } from "../inputs";

/**
 * Every live topic, the shape of its events and whether they are durable (kept in LiveEvent and
 * replayed to a client that reconnects) or not (a reconnecting client refetches instead: for
 * high-volume topics whose subscribers show a state, not a history). A topic's key names what the
 * event is about (an order id, a product id; "" for a topic with one stream).
 */
export const liveTopics = {
  /** An order's status changed (key: the order id): the shopper's order page. */
  "order.status": {
    durable: true,
    schema: z.strictObject({ orderId: text({ max: 40 }), status: text({ max: 20 }) }),
  },
  /** A shopper placed an order (key ""): the back office's notifications. */
  "orders.new": {
    durable: true,
    schema: z.strictObject({
      orderId: text({ max: 40 }),
      total: text({ max: 20 }),
      itemCount: z.number().int().nonnegative(),
      customer: text({ max: 200 }),
    }),
  },
  /** A product's stock changed (key: the product id): product pages and open carts. */
  "product.stock": {
    durable: true,
    schema: z.strictObject({ productId: text({ max: 40 }), stock: z.number().int(), active: z.boolean() }),
  },
  /** A knowledge document's indexing moved on (key ""): the back office's knowledge page. */
  "knowledge.document": {
    durable: false,
    schema: z.strictObject({
      documentId: text({ max: 40 }),
      status: text({ max: 20 }),
      progress: z.number().int().min(0).max(100),
    }),
  },
  /**
   * Jobs of a queue started, finished or were acted on (key ""): the back office's jobs console
   * refetches what it shows. Throttled per queue and process (server/jobs/jobs-live.ts).
   */
  jobs: {
    durable: false,
    schema: z.strictObject({ queue: text({ max: 100 }) }),
  },
  /** A support thread has a new message or was closed (key: the thread id): its shopper and staff. */
  "support.thread": {
    durable: true,
    schema: z.strictObject({
      threadId: text({ max: 40 }),
      kind: z.enum(["message", "closed"]),
      messageId: text({ max: 40 }).nullable(),
    }),
  },
  /** The support inbox changed (key ""): a thread opened, got a message, was read or closed. */
  "support.inbox": {
    durable: true,
    schema: z.strictObject({
      threadId: text({ max: 40 }),
      kind: z.enum(["opened", "message", "seen", "closed"]),
    }),
  },
} satisfies Record<string, { durable: boolean; schema: z.ZodType }>;

export type LiveTopic = keyof typeof liveTopics;
export type LivePayload<T extends LiveTopic> = z.infer<(typeof liveTopics)[T]["schema"]>;
/** An event as subscribers get it: `id` is null for a non-durable topic's. */
export type LiveEventOf<T extends LiveTopic = LiveTopic> = {
  [K in T]: { id: string | null; topic: K; key: string; data: LivePayload<K>; at: string };
}[T];
