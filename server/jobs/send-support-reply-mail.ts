import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import { getEnv } from "../env";
import { sendMail } from "../mail/mail.service";
import { dueReplyMail, markReplyMailed } from "../support/support-mail";
import { defineJob, MAIL_CONCURRENCY, MAIL_QUEUE } from "./queue";

/**
 * A shopper who left before staff answered gets a mail with a link back. Enqueued, delayed, with
 * every staff reply; when it runs, it mails only what the shopper has not seen and no earlier mail
 * covered, so a burst of replies makes one mail and a reply seen in time makes none. Idempotent:
 * the outbox's dedupe key names the newest reply mailed about.
 */
export const sendSupportReplyMail = defineJob({
  name: "mail.support-reply",
  schema: z.object({ threadId: z.string().min(1) }),
  queue: MAIL_QUEUE,
  concurrency: MAIL_CONCURRENCY,
  async handle({ threadId }, { log, signal }) {
    const env = getEnv();
    const due = await dueReplyMail(db, threadId, env.AUTH_URL ?? `http://localhost:${env.PORT}`);
    if (!due) {
      log.info({ threadId }, "support reply mail not needed: seen or already mailed");
      return;
    }
    await sendMail(
      { db, log, smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, signal },
      { ...due.content, dedupeKey: due.dedupeKey, template: "support-reply", to: due.to },
    );
    await markReplyMailed(db, threadId, due.newestAt);
  },
});
