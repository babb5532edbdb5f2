import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { getLogger } from "../observability/logger";
import { callerFor, createUser } from "../test/factories";
import { saveMessages, startConversation } from "./conversations.service";

const text = (id: string, role: "user" | "assistant", value: string) => ({
  id,
  role,
  parts: [{ type: "text", text: value }],
});

describe("conversations", () => {
  it("keep a user's messages, replace a regenerated answer, and list newest first", async () => {
    const user = await createUser();
    const ctx = { db, log: getLogger(), user };
    const first = await startConversation(ctx, "  How long does   shipping take?  ");
    const second = await startConversation(ctx, "Returns?");
    await saveMessages(ctx, first.id, [text("u1", "user", "How long?"), text("a1", "assistant", "3 to 5 days [1]")]);
    // Regenerate: the answer a1 is replaced by a2.
    await saveMessages(ctx, first.id, [
      text("u1", "user", "How long?"),
      text("a2", "assistant", "Standard: 3–5 days [1]"),
    ]);

    const caller = callerFor(user);
    const loaded = await caller.conversations.byId({ conversationId: first.id });
    expect(loaded.title).toBe("How long does shipping take?");
    expect(loaded.messages.map((m) => m.id)).toEqual(["u1", "a2"]);
    expect(loaded.messages[1]!.parts).toEqual([{ type: "text", text: "Standard: 3–5 days [1]" }]);

    const page = await caller.conversations.list({ limit: 1 });
    expect(page.items.map((c) => c.id)).toEqual([first.id]); // saving bumped it above the newer one
    expect((await caller.conversations.list({ limit: 1, cursor: page.nextCursor })).items.map((c) => c.id)).toEqual([
      second.id,
    ]);

    await caller.conversations.rename({ conversationId: second.id, title: "Returns policy" });
    await caller.conversations.delete({ conversationId: first.id });
    expect(await db.chatMessage.count({ where: { conversationId: first.id } })).toBe(0);
    expect((await caller.conversations.list({})).items.map((c) => c.title)).toEqual(["Returns policy"]);
  });

  it("validates titles by field", async () => {
    const user = await createUser();
    const conversation = await startConversation({ db, log: getLogger(), user }, "Hi");
    await expect(
      callerFor(user).conversations.rename({ conversationId: conversation.id, title: " " }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
