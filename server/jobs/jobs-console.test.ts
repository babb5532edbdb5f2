import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/roles";
import { db } from "../db/client";
import { startBus, stopBus } from "../realtime/bus";
import { callerFor, createUser } from "../test/factories";
import { ingestKnowledgeDocument } from "./ingest-knowledge-document";
import { announceJobChange, streamJobEvents } from "./jobs-live";
import { ensureQueue, failureOutput, getBoss } from "./queue";
import { REDACTED } from "./redact";

/**
 * The jobs console through its router on this file's real database and pg-boss: what staff read,
 * what only admins may do (each action audited with the change), and the live feed.
 */

const QUEUE = ingestKnowledgeDocument.name;
const DEAD = `${QUEUE}.dead`;

let customer: SessionUser;
let staff: SessionUser;
let admin: SessionUser;

let priority = 0;

/** A job in the knowledge queue whose one attempt failed for good (so it is also dead-lettered). */
async function failedJob(message = "parse failed at postgres://shop:pw@db/shop") {
  const boss = await getBoss();
  const id = await boss.send(
    QUEUE,
    { payload: { documentId: "doc-1", apiKey: "sw_secretsecretsecret" }, correlationId: "corr-console-0001" },
    // Ahead of every job queued before (even retried ones), so the fetch below takes this one.
    { retryLimit: 0, priority: ++priority },
  );
  const [raw] = await boss.fetch(QUEUE, { includeMetadata: true });
  expect(raw?.id).toBe(id);
  await boss.fail(QUEUE, { id: raw!.id, retryCount: raw!.retryCount }, failureOutput(new Error(message)));
  return id!;
}

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => (error as TRPCError).code,
  );

beforeAll(async () => {
  [customer, staff, admin] = await Promise.all([
    createUser(),
    createUser({ role: "STAFF" }),
    createUser({ role: "ADMIN" }),
  ]);
  await ensureQueue(await getBoss(), ingestKnowledgeDocument);
  await startBus();
});
afterAll(() => stopBus());

describe("jobs console: reading", () => {
  it("shows every queue and its dead letters with counts by state, the last hour and the oldest wait", async () => {
    const failed = await failedJob();
    const boss = await getBoss();
    await boss.send(QUEUE, { payload: { documentId: "doc-2" } });
    const overview = await callerFor(staff).jobs.overview();
    const names = overview.queues.map((q) => q.name);
    expect(names).toContain("mail.welcome");
    expect(names).toContain("mail.welcome.dead");
    const queue = overview.queues.find((q) => q.name === QUEUE)!;
    expect(queue).toMatchObject({ exists: true, deadLetter: false, counts: { created: 1, failed: 1, active: 0 } });
    expect(queue.oldestWaitingSeconds).toBeGreaterThanOrEqual(0);
    expect(queue.lastHour).toMatchObject({ completed: 0, failed: 1, failureRate: 1 });
    expect(queue.lastHour.buckets).toHaveLength(12);
    expect(queue.lastHour.buckets.at(-1)!.failed).toBe(1);
    const dead = overview.queues.find((q) => q.name === DEAD)!;
    expect(dead).toMatchObject({ deadLetter: true, counts: { created: 1 } });

    const page = await callerFor(staff).jobs.byQueue({ queue: QUEUE, state: "failed" });
    expect(page).toMatchObject({ total: 1, page: 1, counts: { failed: 1, created: 1 } });
    expect(page.items[0]).toMatchObject({ id: failed, state: "failed", correlationId: "corr-console-0001" });
    expect(page.items[0]!.error).toBe(`parse failed at postgres://shop:${REDACTED}@db/shop`);
    const all = await callerFor(staff).jobs.byQueue({ queue: QUEUE });
    expect(all.items.map((j) => j.state)).toEqual(["created", "failed"]); // newest first
    expect(await callerFor(staff).jobs.find({ jobId: failed })).toEqual({ queue: QUEUE, jobId: failed });
  });

  it("opens a job with its payload redacted, its error and stack, attempts, timings and correlation ID", async () => {
    const id = await failedJob("token Bearer abcdefghijklmnop refused");
    const job = await callerFor(staff).jobs.detail({ queue: QUEUE, jobId: id });
    expect(job).toMatchObject({
      id,
      queue: QUEUE,
      state: "failed",
      correlationId: "corr-console-0001",
      payload: { documentId: "doc-1", apiKey: REDACTED },
      attempts: { retryCount: 0, retryLimit: 0 },
      error: { name: "Error", message: `token ${REDACTED} refused` },
      can: { retry: true, cancel: false },
    });
    expect(job.error!.stack).toContain("jobs-console.test.ts");
    expect(job.error!.stack).not.toContain("abcdefghijklmnop");
    expect(job.timings.createdOn).toBeInstanceOf(Date);
    expect(job.timings.completedOn).toBeInstanceOf(Date);
    expect(job.timings.keepUntil.getTime()).toBeGreaterThan(Date.now());
  });

  it("refuses unknown queues (404 naming the field) and malformed job ids (400); customers see nothing", async () => {
    const error = await callerFor(staff)
      .jobs.byQueue({ queue: "nope.queue" })
      .catch((e: unknown) => e as TRPCError);
    expect(error).toMatchObject({ code: "NOT_FOUND", cause: { context: { field: "queue" } } });
    expect(await codeOf(callerFor(staff).jobs.detail({ queue: QUEUE, jobId: "not-a-uuid" }))).toBe("BAD_REQUEST");
    expect(
      await codeOf(callerFor(staff).jobs.detail({ queue: QUEUE, jobId: "7d0b1f3e-7a3c-4d55-9a1e-1f2b3c4d5e6f" })),
    ).toBe("NOT_FOUND");
    expect(await callerFor(staff).jobs.find({ jobId: "7d0b1f3e-7a3c-4d55-9a1e-1f2b3c4d5e6f" })).toBeNull();
    expect(await codeOf(callerFor(customer).jobs.overview())).toBe("FORBIDDEN");
    expect(await codeOf(callerFor(null).jobs.schedules())).toBe("UNAUTHORIZED");
  });
});

describe("jobs console: acting (admins only, audited)", () => {
  it("retries a failed job; staff are refused and nothing changes", async () => {
    const id = await failedJob();
    expect(await codeOf(callerFor(staff).jobs.retry({ queue: QUEUE, jobId: id }))).toBe("FORBIDDEN");
    expect((await callerFor(staff).jobs.detail({ queue: QUEUE, jobId: id })).state).toBe("failed");

    expect(await callerFor(admin).jobs.retry({ queue: QUEUE, jobId: id })).toMatchObject({ state: "retry" });
    const job = await callerFor(staff).jobs.detail({ queue: QUEUE, jobId: id });
    expect(job).toMatchObject({ state: "retry", attempts: { retryLimit: 1 } });
    expect(await db.auditLog.findFirstOrThrow({ where: { entityId: id } })).toMatchObject({
      actorId: admin.id,
      action: "job.retry",
      entity: "Job",
      before: { queue: QUEUE, state: "failed" },
      after: { queue: QUEUE, state: "retry" },
    });
    // Not failed any more: a second retry is a conflict, and is not audited.
    expect(await codeOf(callerFor(admin).jobs.retry({ queue: QUEUE, jobId: id }))).toBe("CONFLICT");
    expect(await db.auditLog.count({ where: { entityId: id } })).toBe(1);
  });

  it("cancels an unfinished job and deletes a finished one", async () => {
    const queued = (await (await getBoss()).send(QUEUE, { payload: { documentId: "doc-3" } }))!;
    expect(await callerFor(admin).jobs.cancel({ queue: QUEUE, jobId: queued })).toMatchObject({ state: "cancelled" });
    expect(await codeOf(callerFor(admin).jobs.cancel({ queue: QUEUE, jobId: queued }))).toBe("CONFLICT");
    expect(await codeOf(callerFor(staff).jobs.delete({ queue: QUEUE, jobId: queued }))).toBe("FORBIDDEN");
    await callerFor(admin).jobs.delete({ queue: QUEUE, jobId: queued });
    expect(await codeOf(callerFor(staff).jobs.detail({ queue: QUEUE, jobId: queued }))).toBe("NOT_FOUND");
    const actions = await db.auditLog.findMany({ where: { entityId: queued }, orderBy: { createdAt: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["job.cancel", "job.delete"]);
  });

  it("retries every failed job of a queue, and moves dead letters back to their queue", async () => {
    await failedJob();
    const before = await callerFor(staff).jobs.byQueue({ queue: QUEUE, state: "failed" });
    expect(before.total).toBeGreaterThan(0);
    const retried = await callerFor(admin).jobs.retryFailed({ queue: QUEUE });
    expect(retried).toEqual({ queue: QUEUE, retried: before.total, more: false });
    expect((await callerFor(staff).jobs.byQueue({ queue: QUEUE, state: "failed" })).total).toBe(0);

    const preview = await callerFor(staff).jobs.previewRedrive({ queue: DEAD });
    expect(preview.total).toBeGreaterThan(0);
    expect(preview.destinations).toEqual([{ name: QUEUE, count: preview.total }]);
    expect(await codeOf(callerFor(staff).jobs.redrive({ queue: DEAD }))).toBe("FORBIDDEN");
    expect(await callerFor(admin).jobs.redrive({ queue: DEAD })).toEqual({
      queue: DEAD,
      moved: preview.total,
      left: 0,
    });
    expect((await callerFor(staff).jobs.byQueue({ queue: DEAD })).total).toBe(0);
    const error = await callerFor(admin)
      .jobs.redrive({ queue: QUEUE })
      .catch((e: unknown) => e as TRPCError);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    const audit = await db.auditLog.findMany({ where: { entity: "Queue" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.entityId, a.after])).toEqual([
      ["queue.retry-failed", QUEUE, { retried: before.total }],
      ["queue.redrive", DEAD, { moved: preview.total }],
    ]);
  });
});

describe("jobs console: the live feed", () => {
  it("tells staff streams which queue changed, at most about once a second per queue", async () => {
    expect(await codeOf(callerFor(customer).jobs.live({}))).toBe("FORBIDDEN");
    expect(await codeOf(callerFor(null).jobs.live({}))).toBe("UNAUTHORIZED");
    expect(await codeOf(callerFor(staff).jobs.live({ lastEventId: "not-an-id" }))).toBe("BAD_REQUEST");
    const controller = new AbortController();
    const received: unknown[] = [];
    const reading = (async () => {
      for await (const [, message] of streamJobEvents({ signal: controller.signal })) received.push(message);
    })().catch(() => {});
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < 20; i++) announceJobChange("test.live-burst");
    await new Promise((r) => setTimeout(r, 1_500));
    for (let i = 0; i < 20; i++) announceJobChange("test.live-burst");
    await new Promise((r) => setTimeout(r, 1_500));
    controller.abort();
    await reading;
    const events = received.filter((m) => (m as { data?: { queue?: string } }).data?.queue === "test.live-burst");
    // 40 changes in two bursts: one event per burst, not forty.
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ topic: "jobs", key: "", data: { queue: "test.live-burst" }, id: null });
  });
});
