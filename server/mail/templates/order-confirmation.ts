import type { MailContent } from "../mail.service";
import { orderReference } from "../../orders/orders.schemas";
import { escapeHtml } from "./welcome";

interface ConfirmedOrder {
  id: string;
  total: string;
  expiresAt: Date | null;
  items: { productName: string; quantity: number; unitPrice: string; lineTotal: string }[];
}

export function orderConfirmationMail(
  user: { name: string | null },
  order: ConfirmedOrder,
  appUrl: string,
): MailContent {
  const greeting = user.name ? `Hi ${user.name},` : "Hi,";
  const orderUrl = new URL(`/orders/${order.id}`, appUrl).toString();
  const reference = orderReference(order.id);
  const lines = order.items.map((i) => `${i.quantity} × ${i.productName} — $${i.lineTotal}`);
  const payBy = order.expiresAt
    ? `Please pay by ${order.expiresAt.toUTCString()}; after that the order is cancelled.`
    : "";
  const text = [
    greeting,
    "",
    `thank you for your order ${reference}. We have reserved these items for you:`,
    "",
    ...lines,
    "",
    `Total: $${order.total}`,
    payBy,
    `See your order at ${orderUrl}.`,
    "",
    "— The Shopwise team",
  ].join("\n");
  const html = `<p>${escapeHtml(greeting)}</p>
<p>Thank you for your order <strong>${reference}</strong>. We have reserved these items for you:</p>
<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>
<p><strong>Total: $${escapeHtml(order.total)}</strong></p>
${payBy && `<p>${escapeHtml(payBy)}</p>`}
<p><a href="${escapeHtml(orderUrl)}">View your order</a></p>
<p>— The Shopwise team</p>`;
  return { subject: `Your Shopwise order ${reference}`, text, html };
}
