import { describe, expect, it } from "vitest";
import { REDACTED, redactSecrets, redactText } from "./redact";

describe("redactSecrets", () => {
  it("replaces the values of secret keys at any depth, keeping everything else", () => {
    const payload = {
      payload: { userId: "u1", password: "hunter22", resetToken: "abc", nested: [{ apiKey: "k", note: "fine" }] },
      headers: { Authorization: "Bearer abcdefghijkl", "X-Signature": "sha256=ff", accept: "json" },
      mail: { to: "a@example.com", subject: "Hi", html: "<a href='/reset?t=1'>", text: "link" },
      correlationId: "corr-123456",
      client_secret: 42,
      sessionId: null,
    };
    expect(redactSecrets(payload)).toEqual({
      payload: { userId: "u1", password: REDACTED, resetToken: REDACTED, nested: [{ apiKey: REDACTED, note: "fine" }] },
      headers: { Authorization: REDACTED, "X-Signature": REDACTED, accept: "json" },
      mail: { to: "a@example.com", subject: "Hi", html: REDACTED, text: REDACTED },
      correlationId: "corr-123456",
      client_secret: REDACTED,
      sessionId: null,
    });
    // The input is left as it was.
    expect(payload.payload.password).toBe("hunter22");
  });

  it("redacts secrets by shape inside strings: credentials in URLs, bearer tokens, JWTs, keys", () => {
    expect(redactText("connect ECONNREFUSED postgres://shop:s3cr3t@db:5432/shop")).toBe(
      `connect ECONNREFUSED postgres://shop:${REDACTED}@db:5432/shop`,
    );
    expect(redactText("sent Authorization: Bearer abc.def-ghi_jkl")).toBe(`sent Authorization: ${REDACTED}`);
    expect(redactText("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJlMTIz ok")).toBe(
      `token ${REDACTED} ok`,
    );
    expect(redactText("key sw_abcdefgh12345678XYZ leaked")).toBe(`key ${REDACTED} leaked`);
    expect(redactSecrets({ message: "GET https://user:pw@host/x failed" })).toEqual({
      message: `GET https://user:${REDACTED}@host/x failed`,
    });
  });

  it("leaves harmless keys alone and cuts hostile nesting", () => {
    expect(redactSecrets({ footprint: 1, bypassCache: true, tokenizer: undefined, n: 3 })).toEqual({
      footprint: 1,
      bypassCache: true,
      tokenizer: undefined,
      n: 3,
    });
    let deep: unknown = "bottom";
    for (let i = 0; i < 100; i++) deep = { child: deep };
    expect(JSON.stringify(redactSecrets(deep))).toContain(REDACTED);
    expect(redactSecrets([1, "two", null])).toEqual([1, "two", null]);
  });
});
