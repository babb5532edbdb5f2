import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Webhook signatures, as Stripe makes them: `Shopwise-Signature: t=<unix seconds>,v1=<hex>`, where
 * v1 is HMAC-SHA256 over "<t>.<raw body>" with the endpoint's secret. The timestamp is signed too,
 * so a captured request cannot be replayed after the tolerance. No server-only imports: receivers
 * (and the typed client) may use `verifyWebhookSignature` as it is.
 */

export const SIGNATURE_HEADER = "Shopwise-Signature";
export const EVENT_ID_HEADER = "Shopwise-Event-Id";
export const EVENT_TYPE_HEADER = "Shopwise-Event-Type";
export const SECRET_PREFIX = "whsec_";

/** A new signing secret: `whsec_` and 32 random bytes (256 bits), base64url. */
export function generateWebhookSecret() {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;
}

const hmac = (secret: string, timestamp: number, rawBody: string) =>
  createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");

/** The `Shopwise-Signature` header value of `rawBody` at `timestamp` (unix seconds). */
export function signWebhookPayload(rawBody: string, secret: string, timestamp = Math.floor(Date.now() / 1000)) {
  return `t=${timestamp},v1=${hmac(secret, timestamp, rawBody)}`;
}

/**
 * Whether `header` is a valid signature of `rawBody` (the bytes as received, before any JSON
 * parsing) with `secret`, made at most `toleranceSeconds` from now. Several v1 values (during a
 * secret roll a sender may sign with both) pass when any matches. Compared in constant time.
 */
export function verifyWebhookSignature(
  rawBody: string,
  header: string | null | undefined,
  secret: string,
  toleranceSeconds = 300,
  now = Date.now(),
): boolean {
  if (!header) return false;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || !signatures.length) return false;
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, timestamp, rawBody), "hex");
  return signatures.some((signature) => timingSafeEqual(Buffer.from(signature, "hex"), expected));
}
