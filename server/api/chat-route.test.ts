import { describe, expect, it } from "vitest";
import { handleChatRequest } from "./chat-route";

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  handleChatRequest(
    new Request("http://localhost/api/chat", {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    }),
  );

describe("POST /api/chat", () => {
  it("answers bad input with 400 naming the fields, in the house error shape", async () => {
    const response = await post(JSON.stringify({ id: "x", trigger: "submit-message", messages: [], role: "admin" }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { data: { code: string; fieldErrors: Record<string, string[]> } };
    };
    expect(body.error.data.code).toBe("BAD_REQUEST");
    expect(Object.keys(body.error.data.fieldErrors).sort()).toEqual(["id", "messages", "role"]);
    expect((await post("{not json")).status).toBe(400);
  });

  it("refuses a body over its limit, declared or streamed", async () => {
    const big = JSON.stringify({ padding: "x".repeat(600 * 1024) });
    expect((await post(big)).status).toBe(413);
    // No Content-Length: counted while it streams.
    const stream = new Blob([big]).stream();
    const response = await handleChatRequest(
      new Request("http://localhost/api/chat", {
        method: "POST",
        body: stream,
        duplex: "half",
        headers: { "content-type": "application/json" },
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { data: { appCode: "BODY_TOO_LARGE" } } });
  });

  it("streams an anonymous answer as a UI message stream", async () => {
    const response = await post(
      JSON.stringify({
        id: "route-test-chat",
        trigger: "submit-message",
        messages: [{ id: "route-q1", role: "user", parts: [{ type: "text", text: "Hello there, anyone?" }] }],
      }),
      { "x-forwarded-for": "192.0.2.44" },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const text = await response.text();
    expect(text).toContain('"type":"text-delta"');
    expect(text).toContain('"type":"finish"');
  });
});
