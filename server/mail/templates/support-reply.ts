import type { MailContent } from "../mail.service";
import { escapeHtml } from "./welcome";

/** A staff reply the shopper has not seen: what it says (the newest one) and the way back to it. */
export function supportReplyMail(
  shopper: { name: string | null },
  reply: { body: string; count: number; staffName: string | null },
  threadUrl: string,
  /** A visitor's link carries a token that expires; a signed-in shopper's link does not. */
  linkValidDays?: number,
): MailContent {
  const validity = linkValidDays ? ` This link works for ${linkValidDays} days.` : "";
  const greeting = shopper.name ? `Hi ${shopper.name},` : "Hi,";
  const who = reply.staffName ? `${reply.staffName} from Shopwise support` : "Shopwise support";
  const intro =
    reply.count > 1 ? `${who} sent you ${reply.count} replies. The latest:` : `${who} replied to your question:`;
  const quote = reply.body.length > 600 ? `${reply.body.slice(0, 600)}…` : reply.body;
  const text = [
    greeting,
    "",
    intro,
    "",
    ...quote.split("\n").map((line) => `> ${line}`),
    "",
    `Read the conversation and answer at ${threadUrl}`,
    ...(validity ? [validity.trim()] : []),
    "",
    "— The Shopwise team",
  ].join("\n");
  const html = `<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(intro)}</p>
<blockquote style="white-space:pre-wrap">${escapeHtml(quote)}</blockquote>
<p><a href="${escapeHtml(threadUrl)}">Read the conversation and answer</a>${validity ? `.${escapeHtml(validity)}` : ""}</p>
<p>— The Shopwise team</p>`;
  return { subject: "Shopwise support replied to you", text, html };
}
