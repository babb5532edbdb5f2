import "server-only";
import { deliverWebhookJob } from "./deliver-webhook";
import { expireUnpaidOrdersJob } from "./expire-unpaid-orders";
import { ingestKnowledgeDocument } from "./ingest-knowledge-document";
import { pruneIdempotencyRecordsJob } from "./prune-idempotency-records";
import { pruneLiveEventsJob } from "./prune-live-events";
import { pruneOldRecordsJob } from "./prune-old-records";
import { scoreReviewSentiment } from "./score-review-sentiment";
import { sendOrderConfirmation } from "./send-order-confirmation";
import { sendSupportReplyMail } from "./send-support-reply-mail";
import { sendWelcomeEmail } from "./send-welcome-email";

/** Every job the workers run. A new job is one file beside this one plus one line here. */
export const jobs = [
  sendWelcomeEmail,
  sendOrderConfirmation,
  sendSupportReplyMail,
  scoreReviewSentiment,
  expireUnpaidOrdersJob,
  ingestKnowledgeDocument,
  deliverWebhookJob,
  pruneIdempotencyRecordsJob,
  pruneLiveEventsJob,
  pruneOldRecordsJob,
];
