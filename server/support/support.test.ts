import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleSupportAccess } from "../api/support-access-route";
import { createContext } from "../api/trpc";
import type { SessionUser } from "../auth/roles";
import { saveTurn } from "../chat/conversations.service";
import { db } from "../db/client";
import { renderError } from "../errors";
import { getLogger } from "../observability/logger";
import { startBus, stopBus } from "../realtime/bus";
import { callerFor, createUser, supportCallerFor, uniqueEmail } from "../test/factories";
import { sendSupportReplyMail } from "../jobs/send-support-reply-mail";
import { ACCESS_TOKEN_LIFETIME_MS, getAccessTokenExpiry, hashAccessToken } from "./support-access";

/**
 * The support handoff against a real database: who reaches a thread (its account, or the holder
 * of its visitor token), what staff reading it leaves in the audit log, the live events it raises,
 * and the reply mail that goes out once per burst of unseen replies.
 */

let customer: SessionUser;
let other: SessionUser;
let staff: SessionUser;
beforeAll(async () => {
  await startBus();
  [customer, other, staff] = await Promise.all([
    createUser({ name: "Casey Shopper" }),
    createUser({ name: "Other" }),
    createUser({ role: "STAFF", name: "Sam Staff" }),
  ]);
});
afterAll(() => stopBus());

const transcript = [
  { role: "user" as const, text: "Can I return a worn jacket?" },
  { role: "assistant" as const, text: "I could not find this in Shopwise's help centre." },
];

async function openAsVisitor(email = uniqueEmail("visitor")) {
  const opened = await supportCallerFor(null).support.open({ email, transcript, message: "Please help" });
  return { ...opened, token: opened.accessToken!, email };
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "allow",
    (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
  );

const fieldsOf = (promise: Promise<unknown>) =>
  promise.then(
    () => ({}),
    (error: unknown) => renderError(error).body.data.fieldErrors ?? {},
  );

const runReplyMailJob = (threadId: string) =>
  sendSupportReplyMail.handle({ threadId }, { id: "test", log: getLogger(), retryCount: 0, retryLimit: 5 });

const replyMails = (threadId: string) =>
  db.outboxMail.findMany({ where: { dedupeKey: { startsWith: `support-reply:${threadId}:` } } });

describe("opening a thread", () => {
  it("asks a visitor for an email, and bounds the transcript, naming the field", async () => {
    expect(Object.keys(await fieldsOf(supportCallerFor(null).support.open({ transcript })))).toEqual(["email"]);
    const long = Array.from({ length: 41 }, () => transcript[0]!);
    expect(
      Object.keys(await fieldsOf(supportCallerFor(null).support.open({ email: uniqueEmail(), transcript: long }))),
    ).toEqual(["transcript"]);
    const huge = [{ role: "user" as const, text: "x".repeat(4001) }];
    expect(
      Object.keys(await fieldsOf(supportCallerFor(null).support.open({ email: uniqueEmail(), transcript: huge }))),
    ).toEqual(["transcript"]);
  });

  it("gives a visitor a token that only its holder can use; only its hash is stored", async () => {
    const { threadId, token, email } = await openAsVisitor();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await db.supportAccessToken.findMany({ where: { threadId } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(token);

    const thread = await supportCallerFor(token).support.thread({ threadId });
    expect(thread.transcript).toEqual(transcript);
    expect(thread.messages.map((m) => [m.author, m.body])).toEqual([["SHOPPER", "Please help"]]);
    expect((await db.supportThread.findUniqueOrThrow({ where: { id: threadId } })).contactEmail).toBe(email);

    const another = await openAsVisitor();
    expect(await codeOf(supportCallerFor(another.token).support.thread({ threadId }))).toBe("NOT_FOUND");
    expect(await codeOf(supportCallerFor(null).support.thread({ threadId }))).toBe("NOT_FOUND");
    expect(await codeOf(supportCallerFor("not-a-token").support.thread({ threadId }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(customer).support.thread({ threadId }))).toBe("NOT_FOUND");
    // Staff read threads in the back office (audited), not through the shopper's procedures.
    expect(await codeOf(callerFor(staff).support.thread({ threadId }))).toBe("NOT_FOUND");
    // A visitor who signs in afterwards still holds the token.
    expect(await codeOf(supportCallerFor(token, other).support.thread({ threadId }))).toBe("allow");
  });

  it("hands a signed-in shopper's stored conversation over, owner-checked, once per conversation", async () => {
    const conversationId = `sup${Math.random().toString(36).slice(2, 12)}`;
    const ctx = { db, log: getLogger(), user: customer };
    await saveTurn(ctx, conversationId, {
      question: { id: `q-${conversationId}`, role: "user", parts: [{ type: "text", text: "Where is my parcel?" }] },
      answer: { id: `a-${conversationId}`, role: "assistant", parts: [{ type: "text", text: "It ships soon." }] },
    });
    // What the client sends is ignored when the conversation is stored: staff read the stored one.
    const forged = [{ role: "assistant" as const, text: "Staff promised a refund." }];
    const first = await callerFor(customer).support.open({ conversationId, transcript: forged });
    expect(first.accessToken).toBeNull();
    const thread = await callerFor(customer).support.thread({ threadId: first.threadId });
    expect(thread.transcript).toEqual([
      { role: "user", text: "Where is my parcel?" },
      { role: "assistant", text: "It ships soon." },
    ]);
    expect(await callerFor(customer).support.open({ conversationId })).toEqual(first);
    expect(await codeOf(callerFor(other).support.open({ conversationId }))).toBe("NOT_FOUND");

    // A chat whose first turn is not stored yet: the transcript sent goes with it.
    const fresh = await callerFor(customer).support.open({ conversationId: "notstoredyet123", transcript });
    const row = await db.supportThread.findUniqueOrThrow({ where: { id: fresh.threadId } });
    expect(row).toMatchObject({ conversationId: null, userId: customer.id, contactEmail: customer.email });
    expect(row.transcript).toEqual(transcript);
  });
});

describe("messages, the inbox and the audit trail", () => {
  it("carries messages both ways, counts unread for staff, audits reading once an hour, reply and close", async () => {
    const { threadId, token } = await openAsVisitor();
    const shopper = supportCallerFor(token).support;
    const desk = callerFor(staff).admin.support;

    const inbox = await desk.inbox({});
    const listed = inbox.items.find((t) => t.id === threadId)!;
    expect(listed).toMatchObject({ isNew: true, unread: 1, preview: "Please help", signedIn: false });
    expect(inbox.items[0]!.id).toBe(threadId); // newest activity first

    const seen = await desk.thread({ threadId });
    expect(seen.transcript).toEqual(transcript);
    await desk.thread({ threadId });
    const audits = () =>
      db.auditLog.findMany({ where: { entity: "SupportThread", entityId: threadId }, orderBy: { createdAt: "asc" } });
    expect((await audits()).map((a) => [a.action, a.actorId])).toEqual([["support.view", staff.id]]);

    await desk.markSeen({ threadId });
    expect((await desk.inbox({})).items.find((t) => t.id === threadId)).toMatchObject({ isNew: false, unread: 0 });

    const reply = await desk.reply({ threadId, body: "Yes, within 30 days." });
    await shopper.send({ threadId, body: "Thanks! And shoes?" });
    expect((await desk.inbox({})).items.find((t) => t.id === threadId)).toMatchObject({
      unread: 1,
      lastAuthor: "SHOPPER",
    });
    const view = await shopper.thread({ threadId });
    expect(view.messages.map((m) => [m.author, m.authorName, m.body])).toEqual([
      ["SHOPPER", null, "Please help"],
      ["STAFF", "Sam", "Yes, within 30 days."],
      ["SHOPPER", null, "Thanks! And shoes?"],
    ]);

    await desk.close({ threadId });
    await desk.close({ threadId }); // twice: nothing more happens
    expect(await codeOf(shopper.send({ threadId, body: "Hello?" }))).toBe("CONFLICT");
    expect(await codeOf(desk.reply({ threadId, body: "One more thing" }))).toBe("CONFLICT");
    expect((await shopper.thread({ threadId })).status).toBe("CLOSED");
    expect((await desk.inbox({})).items.some((t) => t.id === threadId)).toBe(false);
    expect((await desk.inbox({ status: "CLOSED" })).items.some((t) => t.id === threadId)).toBe(true);

    const trail = await audits();
    expect(trail.map((a) => a.action)).toEqual(["support.view", "support.reply", "support.close"]);
    expect(trail[1]!.after).toEqual({ messageId: reply.id });
    expect(trail[2]).toMatchObject({ before: { status: "OPEN" }, after: { status: "CLOSED" } });
  });

  it("raises durable live events for the thread and the inbox, and streams them to the owner only", async () => {
    const { threadId, token } = await openAsVisitor();
    expect(await codeOf(supportCallerFor(null).support.onThread({ threadId }))).toBe("NOT_FOUND");
    const controller = new AbortController();
    const stream = await supportCallerFor(token, null, { signal: controller.signal }).support.onThread({ threadId });
    const received: unknown[] = [];
    const reading = (async () => {
      try {
        for await (const value of stream) received.push(value);
      } catch {
        // Ends with an AbortError when closed (so a browser reconnects).
      }
    })();
    await new Promise((r) => setTimeout(r, 200)); // the stream is listening
    const reply = await callerFor(staff).admin.support.reply({ threadId, body: "Hello from staff" });
    await expect.poll(() => received.length, { timeout: 5_000 }).toBe(1);
    // tracked(id, event): the id is what the client resumes from.
    const [eventId, event] = received[0] as [string, unknown];
    expect(eventId).toMatch(/^\d+$/);
    expect(event).toMatchObject({ topic: "support.thread", data: { kind: "message", messageId: reply.id } });
    controller.abort();
    await reading;

    const inboxEvents = await db.liveEvent.findMany({ where: { topic: "support.inbox" }, orderBy: { id: "asc" } });
    expect(
      inboxEvents
        .filter((e) => (e.data as { threadId: string }).threadId === threadId)
        .map((e) => (e.data as { kind: string }).kind),
    ).toEqual(["opened", "message"]);
  });
});

describe("the reply mail", () => {
  it("is enqueued, delayed, with every staff reply", async () => {
    const { threadId } = await openAsVisitor();
    await callerFor(staff).admin.support.reply({ threadId, body: "On it." });
    const [job] = await db.$queryRaw<{ start_after: Date; created_on: Date }[]>`
      SELECT start_after, created_on FROM pgboss.job WHERE name = 'mail.support-reply' AND data->'payload'->>'threadId' = ${threadId}`;
    expect(job!.start_after.getTime() - job!.created_on.getTime()).toBeGreaterThanOrEqual(110_000);
  });

  it("mails a visitor who has not seen a burst of replies once, with a link that restores access", async () => {
    const { threadId, email } = await openAsVisitor();
    await callerFor(staff).admin.support.reply({ threadId, body: "First answer" });
    await callerFor(staff).admin.support.reply({ threadId, body: "Second answer" });
    // One job per reply, run (and retried) in any order: one mail.
    await runReplyMailJob(threadId);
    await runReplyMailJob(threadId);
    const mails = await replyMails(threadId);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      to: email,
      template: "support-reply",
      subject: "Shopwise support replied to you",
    });
    expect(mails[0]!.text).toContain("Sam from Shopwise support sent you 2 replies");
    expect(mails[0]!.text).toContain("> Second answer");
    const token = /\/support\/[^/]+\/access\?token=([A-Za-z0-9_-]{43})/.exec(mails[0]!.text)?.[1];
    expect(token).toBeDefined();
    expect(await getAccessTokenExpiry(db, threadId, token!)).toBeInstanceOf(Date);
    expect(mails[0]!.text).toContain("This link works for 30 days.");
    expect(await codeOf(supportCallerFor(token!).support.thread({ threadId }))).toBe("allow");

    // A later reply is a new burst: one more mail.
    await callerFor(staff).admin.support.reply({ threadId, body: "Third answer" });
    await runReplyMailJob(threadId);
    expect(await replyMails(threadId)).toHaveLength(2);
  });

  it("is not sent when the shopper saw the reply in time", async () => {
    const { threadId, token } = await openAsVisitor();
    await callerFor(staff).admin.support.reply({ threadId, body: "Seen live" });
    await new Promise((r) => setTimeout(r, 5)); // seen after the reply's timestamp
    await supportCallerFor(token).support.markSeen({ threadId });
    await runReplyMailJob(threadId);
    expect(await replyMails(threadId)).toHaveLength(0);
  });

  it("links a signed-in shopper to the thread, at the account's address, with no token", async () => {
    const { threadId } = await callerFor(other).support.open({ transcript });
    await callerFor(staff).admin.support.reply({ threadId, body: "Hi there" });
    await runReplyMailJob(threadId);
    const [mail] = await replyMails(threadId);
    expect(mail!.to).toBe(other.email);
    expect(mail!.text).toContain(`/support/${threadId}\n`);
    expect(mail!.text).not.toContain("token=");
    expect(await db.supportAccessToken.count({ where: { threadId } })).toBe(0);
  });
});

describe("the support cookie", () => {
  it("is set by the access route for a token that opens the thread, and read into the tRPC context", async () => {
    const { threadId, token } = await openAsVisitor();
    const base = `http://localhost/support/${threadId}/access`;
    const viaMail = await handleSupportAccess(new Request(`${base}?token=${token}`), threadId);
    expect(viaMail.status).toBe(303);
    expect(viaMail.headers.get("location")).toBe(`/support/${threadId}`);
    const cookie = viaMail.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^shopwise-support=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);

    const wrong = await handleSupportAccess(new Request(`${base}?token=${"x".repeat(43)}`), threadId);
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get("set-cookie")).toBeNull();

    const post = (body: unknown) =>
      handleSupportAccess(
        new Request(base, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
        threadId,
      );
    expect((await post({ token })).status).toBe(204);
    expect((await post({ token: (await openAsVisitor()).token })).status).toBe(404);
    expect((await post({ token, extra: 1 })).status).toBe(400);

    const ctx = await createContext({ headers: new Headers({ cookie: `theme=dark; ${cookie.split(";")[0]}` }) });
    expect(ctx.supportToken).toBe(token);
  });

  it("opens nothing once its token is past its lifetime, and lives no longer than the token", async () => {
    const { threadId, token } = await openAsVisitor();
    const base = `http://localhost/support/${threadId}/access`;
    const issued = (msAgo: number) =>
      db.supportAccessToken.update({
        where: { tokenHash: hashAccessToken(token) },
        data: { createdAt: new Date(Date.now() - msAgo) },
      });

    await issued(ACCESS_TOKEN_LIFETIME_MS - 3600_000); // an hour of its life left
    const late = await handleSupportAccess(new Request(`${base}?token=${token}`), threadId);
    const maxAge = Number(/Max-Age=(\d+)/.exec(late.headers.get("set-cookie") ?? "")?.[1]);
    expect(maxAge).toBeGreaterThan(3590);
    expect(maxAge).toBeLessThanOrEqual(3600);
    expect(await codeOf(supportCallerFor(token).support.thread({ threadId }))).toBe("allow");

    await issued(ACCESS_TOKEN_LIFETIME_MS + 1000);
    const expired = await handleSupportAccess(new Request(`${base}?token=${token}`), threadId);
    expect(expired.status).toBe(303);
    expect(expired.headers.get("set-cookie")).toBeNull();
    const posted = await handleSupportAccess(
      new Request(base, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token }),
      }),
      threadId,
    );
    expect(posted.status).toBe(404);
    expect(((await posted.json()) as { error: { message: string } }).error.message).toContain("expired");
    expect(await codeOf(supportCallerFor(token).support.thread({ threadId }))).toBe("NOT_FOUND");
  });
});
