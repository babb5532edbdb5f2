import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { simulateReadableStream, type UIMessageChunk } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { handleChatStreamRequest } from "../api/chat-stream-route";
import type { SessionUser } from "../auth/roles";
import { db } from "../db/client";
import { getLogger } from "../observability/logger";
import { callerFor, createUser, eventually, sessionCookieFor } from "../test/factories";
import { createChatQuota } from "./chat-quota";
import { startAssistantTurn } from "./chat.service";
import { stopTurn } from "./turn-control";
import { createInProcessTurnStreams, TURN_LIMITS, turnKey, turnStreams, type TurnLimits } from "./turn-streams";

const log = getLogger();
const question = { id: "q1", role: "user", parts: [{ type: "text", text: "Hi?" }] };
const key = (chatId = `chat${Math.random().toString(36).slice(2, 12)}`) => ({ chatId, owner: "user:u1" });
const delta = (n: number): UIMessageChunk => ({ type: "text-delta", id: "t", delta: `w${n} ` });

/** A stream the test writes into, chunk by chunk. */
function controlledStream() {
  let controller!: ReadableStreamDefaultController<UIMessageChunk>;
  const stream = new ReadableStream<UIMessageChunk>({ start: (c) => void (controller = c) });
  return { stream, push: (chunk: UIMessageChunk) => controller.enqueue(chunk), close: () => controller.close() };
}

async function readAll(stream: ReadableStream<UIMessageChunk>) {
  const chunks: UIMessageChunk[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
  return chunks;
}

const limits = (overrides: Partial<TurnLimits>): TurnLimits => ({ ...TURN_LIMITS, ...overrides });

describe("turn streams (the buffer)", () => {
  it("replays a turn from its first chunk to any reader, then follows it live to its end", async () => {
    const turns = createInProcessTurnStreams();
    const k = key();
    const source = controlledStream();
    const first = (await turns.open(k, { question, log })).run(source.stream).getReader();
    source.push({ type: "start" });
    source.push(delta(1));
    expect((await first.read()).value).toEqual({ type: "start" });
    expect((await first.read()).value).toEqual(delta(1));

    // A second reader (a reload) gets everything so far, then what comes next, as the first does.
    const view = (await turns.get(k))!;
    expect(view).toMatchObject({ running: true, question });
    const second = readAll(view.replay());
    source.push(delta(2));
    source.push({ type: "finish" });
    source.close();
    expect(await second).toEqual([{ type: "start" }, delta(1), delta(2), { type: "finish" }]);
    expect((await first.read()).value).toEqual(delta(2));
    await first.cancel();
    expect((await turns.get(k))!.running).toBe(false);
    // Just ended: still readable, whole, for a client that reconnects a moment late.
    expect(await readAll((await turns.get(k))!.replay())).toHaveLength(4);
  });

  it("keeps one running turn per caller and chat; another caller's turn on the same id is theirs", async () => {
    const turns = createInProcessTurnStreams();
    const k = key();
    const running = await turns.open(k, { question, log });
    running.run(controlledStream().stream);
    await expect(turns.open(k, { question, log })).rejects.toMatchObject({ code: "TURN_IN_PROGRESS" });
    expect(await turns.get({ ...k, owner: "user:someone-else" })).toBeNull();
    const theirs = await turns.open({ ...k, owner: "ip:203.0.113.9" }, { question, log });
    theirs.discard();

    // A turn being stopped is waited for: stop, then ask again, works.
    const stopping = controlledStream();
    const other = key();
    (await turns.open(other, { question, log })).run(stopping.stream);
    (await turns.get(other))!.stop();
    setTimeout(() => stopping.close(), 30);
    const next = await turns.open(other, { question, log });
    expect(next.signal.aborted).toBe(false);
    next.discard();

    // Two questions sent while a turn stops (two tabs, a double click): one turn starts, not two.
    const racing = controlledStream();
    const raced = key();
    (await turns.open(raced, { question, log })).run(racing.stream);
    (await turns.get(raced))!.stop();
    setTimeout(() => racing.close(), 30);
    const outcomes = await Promise.allSettled([
      turns.open(raced, { question, log }),
      turns.open(raced, { question, log }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    for (const o of outcomes) if (o.status === "fulfilled") o.value.discard();
  });

  it("bounds the buffers: running turns, chunks per turn, and how long an ended turn is kept", async () => {
    const turns = createInProcessTurnStreams(limits({ maxRunningTurns: 2, maxChunks: 5, keepEndedMs: 50 }));
    const [a, b] = [key(), key()];
    const busy = await turns.open(a, { question, log });
    const source = controlledStream();
    busy.run(source.stream);
    (await turns.open(b, { question, log })).run(controlledStream().stream);
    await expect(turns.open(key(), { question, log })).rejects.toMatchObject({
      code: "ASSISTANT_BUSY",
      context: { retryAfterSeconds: 10 },
    });

    // Past 5 chunks the turn is stopped (its model aborted) and only its closing chunks are kept.
    for (let n = 0; n < 100; n++) source.push(delta(n));
    source.close();
    await busy.done;
    expect(busy.signal.aborted).toBe(true);
    const kept = await readAll((await turns.get(a))!.replay());
    expect(kept.length).toBeGreaterThanOrEqual(5);
    expect(kept.length).toBeLessThan(50);

    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await turns.get(a)).toBeNull();
    // The slot is free again.
    (await turns.open(key(), { question, log })).discard();
  });

  it("keeps at most twice as many turns as may run: under a burst the oldest ended ones go first", async () => {
    const turns = createInProcessTurnStreams(limits({ maxRunningTurns: 1, keepEndedMs: 60_000 }));
    const keys = [key(), key(), key()];
    for (const k of keys) {
      const source = controlledStream();
      const turn = await turns.open(k, { question, log });
      turn.run(source.stream);
      source.close();
      await turn.done;
    }
    expect(await turns.get(keys[0]!)).toBeNull();
    expect(await turns.get(keys[1]!)).not.toBeNull();
    expect(await turns.get(keys[2]!)).not.toBeNull();
  });

  it("stops a turn past its time limit", async () => {
    const turns = createInProcessTurnStreams(limits({ maxDurationMs: 20 }));
    const turn = await turns.open(key(), { question, log });
    turn.run(controlledStream().stream);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(turn.signal.aborted).toBe(true);
  });
});

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};
const WORDS = ["Parcels ", "arrive ", "in ", "three ", "to ", "five ", "business ", "days."];

/** A model that streams one word every 15 ms and stops when its call is aborted. */
const slowModel = () =>
  new MockLanguageModelV4({
    doStream: async () => ({
      stream: simulateReadableStream<LanguageModelV4StreamPart>({
        chunkDelayInMs: 15,
        chunks: [
          { type: "stream-start", warnings: [] },
          { type: "text-start", id: "t" },
          ...WORDS.map((delta) => ({ type: "text-delta" as const, id: "t", delta })),
          { type: "text-end", id: "t" },
          { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage },
        ],
      }),
    }),
  });

const quota = createChatQuota(db, { perUserPerHour: 1000, perIpPerHour: 1000 });
let count = 0;
const ask = (chatId: string, text = "How long does delivery take?") => ({
  id: chatId,
  trigger: "submit-message" as const,
  messages: [{ id: `m-${Date.now().toString(36)}-${count++}`, role: "user" as const, parts: [{ type: "text", text }] }],
});
const newChatId = () => `chat${Math.random().toString(36).slice(2, 14)}`;
const ctxFor = (user: SessionUser | null) => ({ db, log, user, ip: "198.51.100.20" });

async function storedAnswer(user: SessionUser, chatId: string) {
  const stored = await callerFor(user).conversations.byId({ conversationId: chatId });
  return stored.messages.map((m) => `${m.role}: ${JSON.stringify(m.parts)}`);
}

describe("assistant turns through the buffer", () => {
  it("runs to its end and is saved after the first reader went away", async () => {
    const user = await createUser();
    const chatId = newChatId();
    // The process-wide buffer: the conversation page reads it too.
    const reader = (await startAssistantTurn(ctxFor(user), ask(chatId), { quota, model: slowModel() })).getReader();
    for (let next = await reader.read(); next.value?.type !== "text-delta"; next = await reader.read());
    await reader.cancel(); // the page reloads

    // Mid-answer, the reloaded page shows the question (not stored yet) and resumes the answer.
    const open = await callerFor(user).conversations.byId({ conversationId: chatId });
    expect(open.messages.map((m) => m.role)).toEqual(["user"]);
    const view = (await turnStreams().get(turnKey({ user, ip: null }, chatId)))!;
    expect(view.running).toBe(true);

    // Nobody reads it now: it still runs to its end and is saved.
    const stored = await eventually(async () => {
      const messages = await storedAnswer(user, chatId);
      return messages.length === 2 && messages;
    });
    expect(stored[1]).toContain("days.");
    expect(view.running).toBe(false);
    // A reader that comes back a moment later gets the whole answer, once.
    const resumed = await readAll(view.replay());
    const text = resumed.flatMap((c) => (c.type === "text-delta" ? [c.delta] : [])).join("");
    expect(text).toBe(WORDS.join(""));
    expect(resumed.filter((c) => c.type === "start")).toHaveLength(1);
  });

  it("stops only when asked: DELETE's stopTurn aborts the model and keeps the partial answer", async () => {
    const user = await createUser();
    const turns = createInProcessTurnStreams();
    const chatId = newChatId();
    const stream = await startAssistantTurn(ctxFor(user), ask(chatId), { quota, model: slowModel(), turns });
    const reader = stream.getReader();
    for (let next = await reader.read(); next.value?.type !== "text-delta"; next = await reader.read());
    expect(await stopTurn(ctxFor(await createUser()), chatId, turns)).toBe(false); // not theirs: nothing stops
    expect(await stopTurn(ctxFor(user), chatId, turns)).toBe(true);
    const rest: UIMessageChunk[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) rest.push(next.value);
    expect(rest).toContainEqual(expect.objectContaining({ type: "abort" }));

    const stored = await storedAnswer(user, chatId);
    expect(stored).toHaveLength(2);
    expect(stored[1]).toContain("Parcels");
    expect(stored[1]).not.toContain("days.");
    expect(await stopTurn(ctxFor(user), chatId, turns)).toBe(false); // ended: nothing to stop
  });
});

describe("GET and DELETE /api/chat/<id>/stream", () => {
  const call = (chatId: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
    handleChatStreamRequest(
      new Request(`http://localhost/api/chat/${chatId}/stream`, {
        method: init.method ?? "GET",
        headers: { "x-forwarded-for": "198.51.100.20", ...init.headers },
      }),
      { params: Promise.resolve({ id: chatId }) },
    );

  it("lets only the turn's owner resume or stop it: 404 for anyone else on a stored conversation", async () => {
    const [owner, other] = [await createUser(), await createUser()];
    const [ownerCookie, otherCookie] = [await sessionCookieFor(owner), await sessionCookieFor(other)];
    const chatId = newChatId();
    // A first turn, saved, then a second one still running (the process-wide buffer the route reads).
    await readAll(
      await startAssistantTurn(ctxFor(owner), ask(chatId, "First question?"), { quota, model: slowModel() }),
    );
    const running = await startAssistantTurn(ctxFor(owner), ask(chatId), { quota, model: slowModel() });

    for (const headers of [{ cookie: otherCookie }, {}] as Record<string, string>[]) {
      const refused = await call(chatId, { headers });
      expect(refused.status).toBe(404);
      expect(await refused.json()).toMatchObject({ error: { data: { appCode: "CONVERSATION_NOT_FOUND" } } });
      expect((await call(chatId, { method: "DELETE", headers })).status).toBe(404);
    }
    // Another site cannot stop it with the owner's cookie.
    const crossSite = await call(chatId, {
      method: "DELETE",
      headers: { cookie: ownerCookie, "sec-fetch-site": "cross-site", origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);

    const resumed = await call(chatId, { headers: { cookie: ownerCookie } });
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get("content-type")).toContain("text/event-stream");
    const stop = await call(chatId, {
      method: "DELETE",
      headers: { cookie: ownerCookie, "sec-fetch-site": "same-origin" },
    });
    expect(await stop.json()).toEqual({ stopped: true });
    const body = await resumed.text();
    expect(body).toContain('"type":"start"');
    expect(body).toContain('"type":"abort"');
    await readAll(running);
    expect((await turnStreams().get(turnKey({ user: owner, ip: null }, chatId)))?.running).toBe(false);
  });

  it("answers 204 when no turn runs, and 400 for an id that cannot be a chat's", async () => {
    const chatId = newChatId();
    expect((await call(chatId)).status).toBe(204);
    expect(await (await call(chatId, { method: "DELETE" })).json()).toEqual({ stopped: false });
    // A visitor's turn is theirs by address: another address finds nothing.
    const running = await startAssistantTurn(ctxFor(null), ask(chatId), { quota, model: slowModel() });
    expect((await call(chatId, { headers: { "x-forwarded-for": "192.0.2.1" } })).status).toBe(204);
    expect((await call(chatId)).status).toBe(200);
    await readAll(running);

    const bad = await call("../x");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { data: { fieldErrors: { id: expect.any(Array) } } } });
  });
});
