import { describe, expect, it } from "vitest";
import { db } from "./db/client";
import { RETENTION, pruneOldRecords } from "./retention";
import { createUser } from "./test/factories";

/** What the hourly prune deletes and what it keeps, on real rows of this file's database. */

const ago = (ms: number) => new Date(Date.now() - ms);
const DAY = 24 * 3600_000;

describe("pruneOldRecords", () => {
  it("deletes what is past its retention, and keeps what is recent or still in flight", async () => {
    const user = await createUser();
    const token = (name: string) => `${name}-${user.id}`;
    await db.session.createMany({
      data: [
        { sessionToken: token("expired"), userId: user.id, expires: ago(1000) },
        { sessionToken: token("valid"), userId: user.id, expires: new Date(Date.now() + DAY) },
      ],
    });
    await db.verificationToken.createMany({
      data: [
        { identifier: user.email, token: token("old-link"), expires: ago(1000) },
        { identifier: user.email, token: token("new-link"), expires: new Date(Date.now() + DAY) },
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
    const turn = (messageId: string, at: Date) =>
      db.assistantTurn.create({
        data: {
          messageId: token(messageId),
          userId: user.id,
          question: "q",
          answer: "a",
          refused: false,
          passages: [],
          modelId: "m",
          createdAt: at,
        },
      });
    await turn("old-turn", ago(RETENTION.assistantTurns + DAY));
    await turn("recent-turn", ago(DAY));

    const pruned = await pruneOldRecords(db);
    expect(pruned).toMatchObject({
      sessions: 1,
      verificationTokens: 1,
      webhookDeliveries: 2,
      sentMail: 1,
      assistantTurns: 1,
    });

    const mine = { userId: user.id };
    expect((await db.session.findMany({ where: mine })).map((s) => s.sessionToken)).toEqual([token("valid")]);
    expect((await db.verificationToken.findMany({ where: { identifier: user.email } })).map((v) => v.token)).toEqual([
      token("new-link"),
    ]);
    const deliveries = await db.webhookDelivery.findMany({
      where: { endpointId: endpoint.id },
      orderBy: { eventId: "asc" },
    });
    expect(deliveries.map((d) => d.eventId)).toEqual(["evt_old_pending", "evt_recent_ok"]);
    expect(await db.webhookDeliveryAttempt.count({ where: { deliveryId: delivered.id } })).toBe(0);
    const mails = await db.outboxMail.findMany({ where: { to: user.email }, orderBy: { dedupeKey: "asc" } });
    expect(mails.map((m) => m.dedupeKey)).toEqual([token("old-pending"), token("recent-sent")]);
    expect((await db.assistantTurn.findMany({ where: mine })).map((t) => t.messageId)).toEqual([token("recent-turn")]);

    // Nothing left to prune: a second run deletes none of what the first kept.
    expect(Object.values(await pruneOldRecords(db)).every((n) => n === 0)).toBe(true);
  });
});
