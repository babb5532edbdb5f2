import type { CartLine } from "./cart-store";

/**
 * One idempotency key per checkout attempt of one cart. Kept in sessionStorage, so a retry after
 * a network failure (even after a reload) sends the same key and cannot order twice; a changed
 * cart gets a new key, and success forgets it.
 */

const STORAGE_KEY = "shopwise:checkout-key";

interface Attempt {
  key: string;
  signature: string;
}
/** The current attempt, also kept here for browsers that refuse sessionStorage. */
let memory: Attempt | null = null;

const signatureOf = (lines: readonly Pick<CartLine, "productId" | "quantity">[]) =>
  lines
    .map((l) => `${l.productId}:${l.quantity}`)
    .sort()
    .join(",");

function randomKey(): string {
  // randomUUID exists only in secure contexts (https, localhost); getRandomValues everywhere.
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function checkoutKeyFor(lines: readonly Pick<CartLine, "productId" | "quantity">[]): string {
  const signature = signatureOf(lines);
  const stored = readAttempt() ?? memory;
  if (stored?.signature === signature) return stored.key;
  memory = { key: randomKey(), signature };
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(memory));
  } catch {
    // Without storage, `memory` still protects retries made from this page.
  }
  return memory.key;
}

function readAttempt(): Attempt | null {
  try {
    const value = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) ?? "null") as Partial<Attempt> | null;
    return typeof value?.key === "string" && typeof value.signature === "string"
      ? { key: value.key, signature: value.signature }
      : null;
  } catch {
    return null;
  }
}

export function forgetCheckoutKey() {
  memory = null;
  try {
    window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}
