import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "../env";

/**
 * Signing secrets at rest. A delivery must sign with the secret itself, so it cannot be hashed;
 * it is encrypted (AES-256-GCM) with a key derived from AUTH_SECRET, so a database dump or backup
 * alone does not let anyone forge our signatures. Changing AUTH_SECRET makes stored secrets
 * unreadable: their deliveries fail with a message to roll the secret (ADR 019).
 */

const VERSION = "v1";

function key() {
  const secret = getEnv().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: webhook secrets cannot be encrypted");
  return Buffer.from(hkdfSync("sha256", secret, "shopwise", "webhook-signing-secret", 32));
}

export function encryptSecret(plain: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** The secret, or null when it cannot be read (AUTH_SECRET changed since it was stored). */
export function decryptSecret(stored: string): string | null {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== VERSION || !iv || !tag || !data) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
