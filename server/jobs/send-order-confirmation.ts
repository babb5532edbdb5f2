import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import { getEnv } from "../env";
import { markMailFailed, sendMail } from "../mail/mail.service";
import { orderConfirmationMail } from "../mail/templates/order-confirmation";
import { toMoney } from "../money";
import { defineJob, MAIL_CONCURRENCY, MAIL_QUEUE } from "./queue";

const dedupeKey = (orderId: string) => `order-confirmation:${orderId}`;

/** The confirmation mail of a new order. Idempotent through the outbox's dedupe key. */
export const sendOrderConfirmation = defineJob({
  name: "mail.order-confirmation",
  schema: z.object({ orderId: z.string().min(1) }),
  queue: MAIL_QUEUE,
  concurrency: MAIL_CONCURRENCY,
  async handle({ orderId }, { log, signal }) {
    const order = await db.order.findUnique({
      where: { id: orderId },
      select: {
        id: true,
        total: true,
        expiresAt: true,
        user: { select: { email: true, name: true } },
        items: { select: { productName: true, quantity: true, unitPrice: true }, orderBy: { productName: "asc" } },
      },
    });
    if (!order) {
      log.warn({ orderId }, "order confirmation skipped: order no longer exists");
      return;
    }
    const env = getEnv();
    const view = {
      ...order,
      total: toMoney(order.total),
      items: order.items.map((i) => ({
        ...i,
        unitPrice: toMoney(i.unitPrice),
        lineTotal: toMoney(i.unitPrice.mul(i.quantity)),
      })),
    };
    await sendMail(
      { db, log, smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, signal },
      {
        ...orderConfirmationMail(order.user, view, env.AUTH_URL ?? `http://localhost:${env.PORT}`),
        dedupeKey: dedupeKey(orderId),
        template: "order-confirmation",
        to: order.user.email,
      },
    );
  },
  async onExhausted({ orderId }) {
    await markMailFailed(db, dedupeKey(orderId));
  },
});
