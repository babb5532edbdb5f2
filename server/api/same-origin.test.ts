import { describe, expect, it } from "vitest";
import { POST as authPost } from "~/app/api/auth/[...nextauth]/route";
import { DELETE as stopAnswer } from "~/app/api/chat/[id]/stream/route";
import { POST as uploadPost } from "~/app/api/upload/route";
import { createUser, sessionCookieFor } from "../test/factories";
import { handleChatRequest } from "./chat-route";
import { isCrossSiteRequest, requireSameOrigin } from "./same-origin";

const headers = (init: Record<string, string>) => new Headers({ host: "shop.example", ...init });

describe("isCrossSiteRequest", () => {
  it("trusts Sec-Fetch-Site, else compares Origin with the host", () => {
    expect(isCrossSiteRequest(headers({ "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSiteRequest(headers({ "sec-fetch-site": "same-site" }))).toBe(true);
    expect(isCrossSiteRequest(headers({ "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossSiteRequest(headers({ "sec-fetch-site": "none" }))).toBe(false);
    expect(isCrossSiteRequest(headers({ origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSiteRequest(headers({ origin: "null" }))).toBe(true);
    expect(isCrossSiteRequest(headers({ origin: "https://shop.example" }))).toBe(false);
    expect(isCrossSiteRequest(new Headers({ host: "shop.example:443", origin: "https://shop.example" }))).toBe(false);
    expect(isCrossSiteRequest(headers({}))).toBe(false); // not a browser: no ambient cookie of someone else's
  });

  it("checks state changes only, and not requests that authenticate by header alone", () => {
    const evil = { "sec-fetch-site": "cross-site", cookie: "authjs.session-token=x" };
    expect(() => requireSameOrigin("GET", headers(evil))).not.toThrow();
    expect(() => requireSameOrigin("POST", headers(evil))).toThrow(/another site/);
    expect(() => requireSameOrigin("DELETE", headers(evil))).toThrow(/another site/);
    const bearer = { "sec-fetch-site": "cross-site", authorization: "Bearer sw_x" };
    expect(() => requireSameOrigin("POST", headers(bearer))).not.toThrow();
  });
});

const crossSite = { "sec-fetch-site": "cross-site", origin: "https://evil.example" };

async function expectRefused(response: Response) {
  expect(response.status).toBe(403);
  expect(await response.json()).toMatchObject({
    error: { data: { code: "FORBIDDEN", appCode: "CROSS_SITE_REQUEST", httpStatus: 403 } },
  });
}

describe("route handlers refuse cross-site state changes with 403 in the house shape", () => {
  it("/api/chat, which also requires application/json", async () => {
    const body = JSON.stringify({ id: "c", trigger: "submit-message", messages: [] });
    const chat = (extra: Record<string, string>) =>
      handleChatRequest(new Request("http://localhost/api/chat", { method: "POST", body, headers: extra }));
    await expectRefused(await chat({ ...crossSite, "content-type": "application/json" }));
    const form = await chat({ "content-type": "text/plain" });
    expect(form.status).toBe(415);
    expect(await form.json()).toMatchObject({ error: { data: { appCode: "JSON_REQUIRED" } } });
  });

  it("DELETE /api/chat/<id>/stream (stopping an answer), with the correlation ID of every route", async () => {
    const cookie = await sessionCookieFor(await createUser());
    const request = new Request("http://localhost/api/chat/chat-stop-check/stream", {
      method: "DELETE",
      headers: { ...crossSite, cookie },
    });
    const response = await stopAnswer(request, { params: Promise.resolve({ id: "chat-stop-check" }) });
    await expectRefused(response);
    expect(response.headers.get("x-correlation-id")).toBeTruthy();
  });

  it("/api/upload", async () => {
    const cookie = await sessionCookieFor(await createUser({ role: "STAFF" }));
    const form = new FormData();
    form.set("file", new File(["# Hi"], "hi.md"));
    const request = new Request("http://localhost/api/upload", {
      method: "POST",
      body: form,
      headers: { ...crossSite, cookie },
    });
    await expectRefused(await uploadPost(request));
  });

  it("sign-out and the other Auth.js POSTs", async () => {
    const cookie = await sessionCookieFor(await createUser());
    const request = new Request("http://localhost/api/auth/signout", {
      method: "POST",
      body: new URLSearchParams({ csrfToken: "x" }),
      headers: { ...crossSite, cookie, "content-type": "application/x-www-form-urlencoded" },
    });
    await expectRefused(await authPost(request));
  });
});
