import { describe, expect, it } from "vitest";
import { db } from "./db/client";
import { RETENTION, pruneOldRecords } from "./retention";
import { createUser } from "./test/factories";

/** What the hourly prune deletes and what it keeps, on real rows of this file's database. */

const ago = (ms: number) => new Date(Date.now() - ms);
const DAY = 24 * 3600_000;

describe("pruneOldRecords", () => {
  it("deletes what is past its retention, and keeps what is recent, still in flight or kept for good", async () => {
    const user = await createUser();
    const token = (name: string) => `${name}-${user.id}`;
    await db.session.createMany({
      data: [
        { sessionToken: token("expired"), userId: user.id, expires: ago(1000) },
        { sessionToken: token("valid"), userId: user.id, expires: new Date(Date.now() + DAY) },
      ],
    });
    const endpoint = await db.webhookEndpoint.create({
      data: { userId: user.id, url: "https://example.com/hook", events: ["order.paid"], secretCiphertext: "x" },
    });
    const old = ago(RETENTION.webhookDeliveries + DAY);
    const delivery = (eventId: string, status: "PENDING" | "SUCCEEDED" | "FAILED", at: Date) =>
      db.webhookDelivery.create({
        data: {
          endpointId: endpoint.id,
          eventType: "order.paid",
          eventId,
          payload: {},
          status,
          createdAt: at,
          updatedAt: at,
        },
      });
    const delivered = await delivery("evt_old_ok", "SUCCEEDED", old);
    await db.webhookDeliveryAttempt.create({
      data: { deliveryId: delivered.id, number: 1, statusCode: 200, durationMs: 5 },
    });
    await delivery("evt_old_failed", "FAILED", old);
    await delivery("evt_old_pending", "PENDING", old); // still being retried: kept
    await delivery("evt_recent_ok", "SUCCEEDED", ago(DAY));
    const mail = (key: string, status: "PENDING" | "SENT" | "FAILED", at: Date) =>
      db.outboxMail.create({
        data: {
          dedupeKey: token(key),
          template: "t",
          to: user.email,
          subject: "s",
          text: "t",
          html: "h",
          status,
          createdAt: at,
        },
      });
    await mail("old-sent", "SENT", ago(RETENTION.sentMail + DAY));
    await mail("old-pending", "PENDING", ago(RETENTION.sentMail + DAY));
    await mail("recent-sent", "SENT", ago(DAY));
    const conversation = await db.conversation.create({ data: { userId: user.id } });
    const turn = (messageId: string, at: Date, ofShopper = false) =>
      db.assistantTurn.create({
        data: {
          messageId: token(messageId),
          ...(ofShopper && { userId: user.id, conversationId: conversation.id }),
          question: "q",
          answer: "a",
          refused: false,
          passages: [],
          modelId: "m",
          createdAt: at,
        },
      });
    const longAgo = ago(RETENTION.visitorTurns + DAY);
    await turn("old-visitor-turn", longAgo);
    await turn("recent-visitor-turn", ago(DAY));
    await turn("old-shopper-turn", longAgo, true); // kept with its conversation
    const thread = await db.supportThread.create({
      data: { contactEmail: user.email, transcript: [], accessTokens: { create: [{ tokenHash: "e".repeat(64) }] } },
    });
    await db.supportAccessToken.create({
      data: { tokenHash: "f".repeat(64), threadId: thread.id, createdAt: ago(RETENTION.supportAccessTokens + 1000) },
    });

    const { pruned, more } = await pruneOldRecords(db);
    expect(more).toBe(false);
    expect(pruned).toEqual({ sessions: 1, webhookDeliveries: 2, sentMail: 1, visitorTurns: 1, supportAccessTokens: 1 });

    const mine = { userId: user.id };
    expect((await db.session.findMany({ where: mine })).map((s) => s.sessionToken)).toEqual([token("valid")]);
    const deliveries = await db.webhookDelivery.findMany({
      where: { endpointId: endpoint.id },
      orderBy: { eventId: "asc" },
    });
    expect(deliveries.map((d) => d.eventId)).toEqual(["evt_old_pending", "evt_recent_ok"]);
    expect(await db.webhookDeliveryAttempt.count({ where: { deliveryId: delivered.id } })).toBe(0);
    const mails = await db.outboxMail.findMany({ where: { to: user.email }, orderBy: { dedupeKey: "asc" } });
    expect(mails.map((m) => m.dedupeKey)).toEqual([token("old-pending"), token("recent-sent")]);
    const turns = await db.assistantTurn.findMany({
      where: { messageId: { in: ["old-visitor-turn", "recent-visitor-turn", "old-shopper-turn"].map(token) } },
      orderBy: { messageId: "asc" },
    });
    expect(turns.map((t) => t.messageId)).toEqual([token("old-shopper-turn"), token("recent-visitor-turn")]);
    const tokens = await db.supportAccessToken.findMany({ where: { threadId: thread.id } });
    expect(tokens.map((t) => t.tokenHash)).toEqual(["e".repeat(64)]);

    // Nothing left to prune: a second run deletes none of what the first kept.
    expect(Object.values((await pruneOldRecords(db)).pruned).every((n) => n === 0)).toBe(true);
  });

  it("deletes a backlog larger than one batch, and nothing that expires a minute from now", async () => {
    const user = await createUser();
    const justExpired = Array.from({ length: 4_500 }, (_, i) => ({
      sessionToken: `backlog-${i}-${user.id}`,
      userId: user.id,
      expires: ago(60_000),
    }));
    await db.session.createMany({
      data: [...justExpired, { sessionToken: `soon-${user.id}`, userId: user.id, expires: ago(-60_000) }],
    });
    const { pruned } = await pruneOldRecords(db);
    expect(pruned.sessions).toBe(4_500);
    expect((await db.session.findMany({ where: { userId: user.id } })).map((s) => s.sessionToken)).toEqual([
      `soon-${user.id}`,
    ]);
  });
});
