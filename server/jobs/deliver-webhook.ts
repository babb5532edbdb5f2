import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import { deliverWebhook, markDeliveryExhausted, WEBHOOK_RETRY } from "../webhooks/deliver";
import { defineJob } from "./queue";

/**
 * One webhook delivery: POST, signed, to the endpoint; a non-2xx answer is retried with
 * exponential backoff (8 attempts over about 2–4 hours), each attempt recorded on the delivery.
 */
export const deliverWebhookJob = defineJob({
  name: "webhooks.deliver",
  schema: z.object({ deliveryId: z.string().min(1) }),
  // 10 s per attempt plus the bookkeeping: a job running past 60 s was lost.
  queue: { ...WEBHOOK_RETRY, expireInSeconds: 60 },
  // Attempts mostly wait on receivers: several at once per process.
  concurrency: 16,
  async handle({ deliveryId }, { log, retryCount, retryLimit, signal }) {
    await deliverWebhook({ db, log }, deliveryId, { retryCount, retryLimit, signal });
  },
  async onExhausted({ deliveryId }) {
    await markDeliveryExhausted(db, deliveryId);
  },
});
