import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import { getEnv } from "../env";
import { markMailFailed, sendMail } from "../mail/mail.service";
import { welcomeMail } from "../mail/templates/welcome";
import { defineJob, MAIL_CONCURRENCY, MAIL_QUEUE } from "./queue";

const dedupeKey = (userId: string) => `welcome:${userId}`;

/** The welcome mail after sign-up. Idempotent through the outbox's dedupe key. */
export const sendWelcomeEmail = defineJob({
  name: "mail.welcome",
  schema: z.object({ userId: z.string().min(1) }),
  queue: MAIL_QUEUE,
  concurrency: MAIL_CONCURRENCY,
  async handle({ userId }, { log, signal }) {
    const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true } });
    if (!user) {
      log.warn({ userId }, "welcome mail skipped: user no longer exists");
      return;
    }
    const env = getEnv();
    await sendMail(
      { db, log, smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, signal },
      {
        ...welcomeMail(user, env.AUTH_URL ?? `http://localhost:${env.PORT}`),
        dedupeKey: dedupeKey(userId),
        template: "welcome",
        to: user.email,
      },
    );
  },
  async onExhausted({ userId }) {
    await markMailFailed(db, dedupeKey(userId));
  },
});
