import "server-only";
import { createHash } from "node:crypto";
import { getEnv } from "../env";
import { ValidationError } from "../errors";
import { assertPublicHost, PrivateAddressError } from "./url-safety";

/**
 * The URL an endpoint may be saved with, normalised, or a field error on `url`: no credentials in
 * it (they would show in lists and logs; receivers check the signature instead), and, unless
 * WEBHOOK_ALLOW_PRIVATE_URLS is on, https in production and a host that resolves to public
 * addresses only. Deliveries check the address again (url-safety.ts).
 */
export async function requireAllowedWebhookUrl(raw: string): Promise<string> {
  const url = new URL(raw);
  if (url.username || url.password)
    throw new ValidationError(
      "WEBHOOK_URL_CREDENTIALS",
      "Leave the user name and password out of the URL; check our signature instead.",
      "url",
    );
  const env = getEnv();
  if (env.WEBHOOK_ALLOW_PRIVATE_URLS) return url.toString();
  if (env.NODE_ENV === "production" && url.protocol !== "https:")
    throw new ValidationError("WEBHOOK_URL_NOT_HTTPS", "Use an https:// URL.", "url");
  try {
    await assertPublicHost(url);
  } catch (error) {
    if (error instanceof PrivateAddressError)
      throw new ValidationError(
        "WEBHOOK_URL_PRIVATE",
        "This URL points at a private or local network address; use a public one.",
        "url",
      );
    throw new ValidationError("WEBHOOK_URL_UNRESOLVABLE", "We could not find this host; check the URL.", "url");
  }
  return url.toString();
}

/**
 * A webhook URL as records may keep it: the origin, the rest elided (a Slack or Zapier URL's
 * path or query is its secret), and a SHA-256 prefix of the whole URL to tell two apart.
 */
export function redactWebhookUrl(raw: string) {
  const url = new URL(raw);
  const bare = url.pathname === "/" && !url.search && !url.hash;
  return {
    url: `${url.origin}/${bare ? "" : "…"}`,
    urlSha256: createHash("sha256").update(raw).digest("hex").slice(0, 16),
  };
}
