import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { getLogger } from "../observability/logger";
import { callerFor, createUser } from "../test/factories";
import { saveTurn } from "./conversations.service";

let sequence = 0;
const message = (role: "user" | "assistant", value: string) => ({
  id: `msg-${Date.now().toString(36)}-${sequence++}`,
  role,
  parts: [{ type: "text", text: value }],
});
const conversationId = () => `conv${Date.now().toString(36)}${sequence++}`;

describe("conversations", () => {
  it("keep a user's turns, replace a regenerated answer, and list newest first", async () => {
    const user = await createUser();
    const ctx = { db, log: getLogger(), user };
    const [first, second] = [conversationId(), conversationId()];
    const question = message("user", "  How long does   shipping take?  ");
    await saveTurn(ctx, first, { question, answer: message("assistant", "3 to 5 days [1]") });
    await saveTurn(ctx, second, { question: message("user", "Returns?") });
    // Regenerate: the same question again; its new answer replaces the old one.
    const regenerated = message("assistant", "Standard: 3–5 days [1]");
    await saveTurn(ctx, first, { question, answer: regenerated });

    const caller = callerFor(user);
    const loaded = await caller.conversations.byId({ conversationId: first });
    expect(loaded.title).toBe("How long does shipping take?");
    expect(loaded.messages.map((m) => m.id)).toEqual([question.id, regenerated.id]);
    expect(loaded.messages[1]!.parts).toEqual([{ type: "text", text: "Standard: 3–5 days [1]" }]);

    const page = await caller.conversations.list({ limit: 1 });
    expect(page.items.map((c) => c.id)).toEqual([first]); // its last turn is the newest
    expect((await caller.conversations.list({ limit: 1, cursor: page.nextCursor })).items.map((c) => c.id)).toEqual([
      second,
    ]);

    await caller.conversations.rename({ conversationId: second, title: "Returns policy" });
    await caller.conversations.delete({ conversationId: first });
    expect(await db.chatMessage.count({ where: { conversationId: first } })).toBe(0);
    expect((await caller.conversations.list({})).items.map((c) => c.title)).toEqual(["Returns policy"]);
  });

  it("keeps both turns when two tabs save at once", async () => {
    const user = await createUser();
    const ctx = { db, log: getLogger(), user };
    const id = conversationId();
    await saveTurn(ctx, id, { question: message("user", "First"), answer: message("assistant", "One") });
    const tabs = [1, 2].map((n) => ({ question: message("user", `Tab ${n}`), answer: message("assistant", `A${n}`) }));
    await Promise.all(tabs.map((turn) => saveTurn(ctx, id, turn)));

    const stored = await callerFor(user).conversations.byId({ conversationId: id });
    expect(stored.messages).toHaveLength(6);
    expect(stored.messages.slice(2).map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
  });

  it("never touches another conversation's message, even given its id", async () => {
    const [alice, mallory] = [await createUser(), await createUser()];
    const aliceQuestion = message("user", "My address is 1 Private Lane");
    const aliceChat = conversationId();
    await saveTurn({ db, log: getLogger(), user: alice }, aliceChat, { question: aliceQuestion });

    await expect(
      saveTurn({ db, log: getLogger(), user: mallory }, conversationId(), {
        question: { ...aliceQuestion, parts: [{ type: "text", text: "overwritten" }] },
      }),
    ).rejects.toMatchObject({ code: "MESSAGE_ID_TAKEN", field: "messages" });
    await expect(
      saveTurn({ db, log: getLogger(), user: mallory }, aliceChat, { question: message("user", "Hi") }),
    ).rejects.toMatchObject({ code: "CONVERSATION_NOT_FOUND" });
    const stored = await callerFor(alice).conversations.byId({ conversationId: aliceChat });
    expect(stored.messages.map((m) => m.parts)).toEqual([aliceQuestion.parts]);
  });

  it("validates titles by field", async () => {
    const user = await createUser();
    const id = conversationId();
    await saveTurn({ db, log: getLogger(), user }, id, { question: message("user", "Hi") });
    await expect(callerFor(user).conversations.rename({ conversationId: id, title: " " })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
