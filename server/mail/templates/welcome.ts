import type { MailContent } from "../mail.service";

export function welcomeMail(user: { name: string | null; email: string }, appUrl: string): MailContent {
  const greeting = user.name ? `Hi ${user.name},` : "Hi,";
  const accountUrl = new URL("/account", appUrl).toString();
  const text = [
    greeting,
    "",
    "welcome to Shopwise! Your account is ready.",
    `Manage it any time at ${accountUrl}.`,
    "",
    "— The Shopwise team",
  ].join("\n");
  const html = `<p>${escapeHtml(greeting)}</p>
<p>Welcome to Shopwise! Your account is ready.</p>
<p><a href="${escapeHtml(accountUrl)}">Open your account</a></p>
<p>— The Shopwise team</p>`;
  return { subject: "Welcome to Shopwise", text, html };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
