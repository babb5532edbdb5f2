import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { NO_ANSWER } from "../ai/prompts/refusal";
import type { SessionUser } from "../auth/roles";
import { db } from "../db/client";
import { ingestDocument } from "../knowledge/ingestion.service";
import { getLogger } from "../observability/logger";
import { callerFor, createUser } from "../test/factories";
import { recordAssistantTurn } from "./assistant-turns.service";
import { saveTurn } from "./conversations.service";

/**
 * The staff's review list. This file's knowledge base starts empty (no help centre), so a
 * question is refused until a document that answers it is indexed, whatever the answerer's tuning.
 */

let shopper: SessionUser;
let staff: SessionUser;
beforeAll(async () => {
  shopper = await createUser({ name: "Shopper" });
  staff = await createUser({ role: "STAFF", name: "Staff" });
});

let sequence = 0;
/** A finished turn of `shopper`'s, logged as a chat turn logs it. */
async function loggedTurn(question: string, answer: string) {
  const conversationId = `rev${Date.now().toString(36)}${sequence++}`;
  const messages = {
    question: { id: `q-${conversationId}`, role: "user", parts: [{ type: "text", text: question }] },
    answer: { id: `a-${conversationId}`, role: "assistant", parts: [{ type: "text", text: answer }] },
  };
  const ctx = { db, log: getLogger(), user: shopper };
  await saveTurn(ctx, conversationId, messages);
  await recordAssistantTurn(ctx, { conversationId, question, answer: messages.answer, passages: [], modelId: "test" });
  return messages.answer.id;
}

const list = (input: Parameters<ReturnType<typeof callerFor>["admin"]["assistant"]["list"]>[0] = {}) =>
  callerFor(staff).admin.assistant.list(input);

describe("the staff's assistant review", () => {
  it("is for staff: a shopper is FORBIDDEN, a visitor UNAUTHORIZED", async () => {
    const code = (user: SessionUser | null) =>
      callerFor(user)
        .admin.assistant.list({})
        .then(
          () => "allow",
          (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
        );
    expect(await code(shopper)).toBe("FORBIDDEN");
    expect(await code(null)).toBe("UNAUTHORIZED");
    expect(await code(staff)).toBe("allow");
  });

  it("lists refused and rated-down answers newest first, by filter, a page at a time", async () => {
    const refused = await loggedTurn("Do you sell tickets to the moon?", NO_ANSWER);
    const ratedDown = await loggedTurn("Can I pay in euros?", "We accept cards [1].");
    const ratedUp = await loggedTurn("Do you ship to Canada?", "Yes [1].");
    await callerFor(shopper).assistant.rateAnswer({ messageId: ratedDown, rating: "down", reason: "Not what I asked" });
    await callerFor(shopper).assistant.rateAnswer({ messageId: ratedUp, rating: "up" });
    const idOf = async (messageId: string) => (await db.assistantTurn.findUniqueOrThrow({ where: { messageId } })).id;
    const [refusedId, ratedDownId] = [await idOf(refused), await idOf(ratedDown)];

    const all = await list({ filter: "all" });
    const ids = all.items.map((i) => i.id);
    expect(ids.indexOf(ratedDownId)).toBeLessThan(ids.indexOf(refusedId)); // newest first
    expect(ids).not.toContain(await idOf(ratedUp));
    expect(all.items.find((i) => i.id === ratedDownId)).toMatchObject({
      question: "Can I pay in euros?",
      answer: "We accept cards [1].",
      refused: false,
      rating: "down",
      ratingReason: "Not what I asked",
      signedIn: true,
      answeredNow: null,
    });
    expect((await list({ filter: "refused" })).items.map((i) => i.id)).toContain(refusedId);
    expect((await list({ filter: "refused" })).items.map((i) => i.id)).not.toContain(ratedDownId);
    expect((await list({ filter: "rated-down" })).items.map((i) => i.id)).toEqual([ratedDownId]);

    const first = await list({ filter: "all", limit: 1 });
    expect(first.items.map((i) => i.id)).toEqual([ratedDownId]);
    const second = await list({ filter: "all", limit: 1, cursor: first.nextCursor });
    expect(second.items.map((i) => i.id)).toEqual([refusedId]);
  });

  it("shows a refused question as answered once a new document answers it, with the passage it would quote", async () => {
    const question = "Do you offer gift wrapping for presents?";
    const turnId = (
      await db.assistantTurn.findUniqueOrThrow({ where: { messageId: await loggedTurn(question, NO_ANSWER) } })
    ).id;
    const before = (await list({ filter: "refused" })).items.find((i) => i.id === turnId);
    expect(before).toMatchObject({ refused: true, answeredNow: null });

    const content =
      "# Gift wrapping\n\n## Gift wrapping\n\nWe offer gift wrapping for presents on every order. Choose gift wrapping at checkout: it costs $3.50 and includes a card with your message.\n";
    const document = await db.knowledgeDocument.create({
      data: {
        title: "Gift wrapping",
        origin: "upload",
        mimeType: "text/markdown",
        content,
        sizeBytes: Buffer.byteLength(content),
        sha256: createHash("sha256").update(content).digest("hex"),
      },
    });
    await ingestDocument({ db, log: getLogger() }, document.id);

    const after = (await list({ filter: "refused" })).items.find((i) => i.id === turnId);
    expect(after?.answeredNow).toMatchObject({
      answer: expect.stringMatching(/gift wrap/i),
      passage: { kind: "document", title: "Gift wrapping", href: expect.stringContaining(`/help/${document.id}`) },
    });
  });
});
