import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signWebhookPayload, verifyWebhookSignature } from "./signing";

const secret = generateWebhookSecret();
const body = JSON.stringify({ id: "evt_1", type: "order.paid", data: { order: { id: "o1" } } });

describe("webhook signatures", () => {
  it("are HMAC-SHA256 of '<t>.<body>' in a Stripe-style header, and verify round-trip", () => {
    const t = 1_800_000_000;
    const header = signWebhookPayload(body, secret, t);
    const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(header).toBe(`t=${t},v1=${expected}`);
    expect(verifyWebhookSignature(body, header, secret, 300, t * 1000)).toBe(true);
  });

  it("refuse another body, another secret, a malformed or missing header", () => {
    const header = signWebhookPayload(body, secret);
    expect(verifyWebhookSignature(`${body} `, header, secret)).toBe(false);
    expect(verifyWebhookSignature(body, header, generateWebhookSecret())).toBe(false);
    for (const bad of [null, "", "t=abc,v1=00", `v1=${header.split("v1=")[1]}`, header.replace(/v1=.*/, "v1=zz")])
      expect(verifyWebhookSignature(body, bad, secret)).toBe(false);
  });

  it("hold within the tolerance only (a replay later is refused)", () => {
    const t = 1_800_000_000;
    const header = signWebhookPayload(body, secret, t);
    expect(verifyWebhookSignature(body, header, secret, 300, (t + 299) * 1000)).toBe(true);
    expect(verifyWebhookSignature(body, header, secret, 300, (t + 301) * 1000)).toBe(false);
    expect(verifyWebhookSignature(body, header, secret, 300, (t - 301) * 1000)).toBe(false);
    expect(verifyWebhookSignature(body, header, secret, 600, (t + 500) * 1000)).toBe(true);
  });

  it("accept any of several v1 values (a sender signing with an old and a new secret)", () => {
    const t = Math.floor(Date.now() / 1000);
    const old = signWebhookPayload(body, generateWebhookSecret(), t);
    const current = signWebhookPayload(body, secret, t);
    expect(verifyWebhookSignature(body, `${old},${current.split(",")[1]}`, secret)).toBe(true);
  });

  it("come from secrets with the whsec_ prefix and 256 bits of randomness", () => {
    const secrets = new Set(Array.from({ length: 50 }, generateWebhookSecret));
    expect(secrets.size).toBe(50);
    for (const s of secrets) expect(s).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  });
});
