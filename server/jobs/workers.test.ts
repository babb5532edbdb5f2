import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { parseEnv, reloadEnv } from "../env";
import { createLogger } from "../observability/logger";
import { captureLogs } from "../test/logs";
import { defineJob, enqueue, ensureQueue, getBoss, stopBoss } from "./queue";
import { createQueueErrorReporter } from "./queue-errors";
import { runBatch, startWorkers, workOptions, workPlan } from "./workers";

afterAll(() => stopBoss(5_000));
afterEach(() => {
  delete process.env.JOBS_CONCURRENCY;
  delete process.env.JOBS_BATCH_SIZE;
  reloadEnv();
});

describe("batched workers", () => {
  it("settle each job of a batch on its own: one that throws is retried, its neighbours complete", async () => {
    const job = defineJob({
      name: "test.batch",
      schema: z.object({ n: z.number() }),
      queue: { retryLimit: 1, retryDelay: 60 },
      concurrency: 8,
      async handle({ n }) {
        if (n === 3) throw new Error("job 3 fails");
      },
    });
    const boss = await getBoss();
    await ensureQueue(boss, job);
    const ids: (string | null)[] = [];
    for (let n = 0; n < 6; n++) ids.push(await enqueue(job, { n }));
    const logs = captureLogs();
    const batches: number[] = [];
    await boss.work(job.name, workOptions(workPlan(job)), async (batch) => {
      batches.push(batch.length);
      return runBatch(job, batch);
    });
    await vi.waitFor(
      async () => {
        const jobs = await Promise.all(ids.map((id) => boss.getJobById(job.name, id!)));
        expect(jobs.map((j) => j?.state)).toEqual([
          "completed",
          "completed",
          "completed",
          "retry",
          "completed",
          "completed",
        ]);
      },
      { timeout: 10_000, interval: 200 },
    );
    expect(batches[0]).toBe(6); // one fetch took them all
    expect(logs.lines().filter((l) => l.msg === "job failed")).toHaveLength(1);
    logs.restore();
    await boss.offWork(job.name);
  });

  it("take their concurrency per queue from JOBS_CONCURRENCY, in batches of JOBS_BATCH_SIZE", () => {
    const mail = { name: "mail.welcome", concurrency: 128 };
    expect(workPlan(mail)).toEqual({ concurrency: 128, batchSize: 32, loops: 4 });
    expect(workPlan(mail, 8)).toEqual({ concurrency: 8, batchSize: 8, loops: 1 }); // in-process default
    expect(workPlan({ name: "reviews.sentiment" })).toEqual({ concurrency: 1, batchSize: 1, loops: 1 });
    process.env.JOBS_CONCURRENCY = "mail.welcome=10, reviews.sentiment=3";
    process.env.JOBS_BATCH_SIZE = "4";
    reloadEnv();
    expect(workPlan(mail, 8)).toEqual({ concurrency: 10, batchSize: 4, loops: 3 });
    expect(workPlan({ name: "reviews.sentiment" })).toEqual({ concurrency: 3, batchSize: 3, loops: 1 });
    expect(() => parseEnv({ JOBS_CONCURRENCY: "mail.welcome" })).toThrow(/JOBS_CONCURRENCY/);
    expect(() => parseEnv({ JOBS_CONCURRENCY: "mail.welcome=0" })).toThrow(/JOBS_CONCURRENCY/);
  });

  it("refuse a JOBS_CONCURRENCY that names a queue nobody runs", async () => {
    process.env.JOBS_CONCURRENCY = "mail.welcom=4";
    reloadEnv();
    await expect(startWorkers()).rejects.toThrow(/unknown queues: mail\.welcom/);
  });
});

describe("queue error reporting", () => {
  function reporter(stopping = false, lossConfirmMs = 0) {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger({ write: (s: string) => void lines.push(JSON.parse(s)) }, "debug");
    let up = false;
    let stopBegun = false;
    const errors = createQueueErrorReporter({
      log: () => log,
      stopping: () => stopping || stopBegun,
      probe: async () => {
        if (!up) throw new Error("still down");
      },
      probeIntervalMs: 20,
      lossConfirmMs,
    });
    return { errors, lines, bringBack: () => (up = true), beginStop: () => (stopBegun = true) };
  }
  // What pg emits when the server goes away, with the client object pg-boss spreads into it.
  const outage = () =>
    Object.assign(new Error("Connection terminated unexpectedly"), { client: { password: "pw-secret" } });

  it("logs a database outage once when it starts and once when it ends, without the pg client", async () => {
    const { errors, lines, bringBack } = reporter();
    for (let i = 0; i < 300; i++) errors.report(outage());
    errors.report(Object.assign(new Error("the database system is shutting down"), { code: "57P03" }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "error", msg: "job queue lost the database; retrying quietly" });
    expect(JSON.stringify(lines)).not.toMatch(/"client"|"password"|pw-secret/);
    bringBack();
    await vi.waitFor(() => expect(lines).toHaveLength(2), { timeout: 2_000 });
    expect(lines[1]).toMatchObject({ level: "info", msg: "job queue reconnected", suppressedErrors: 300 });
    errors.report(outage()); // a second outage is a new state change
    expect(lines.filter((l) => l.level === "error")).toHaveLength(2);
    errors.reset();
  });

  it("logs each other error once, and nothing above debug while the queue is stopping", () => {
    const running = reporter();
    for (let i = 0; i < 5; i++) running.errors.report(new Error("relation pgboss.job does not exist"));
    expect(running.lines).toHaveLength(1);
    const stopping = reporter(true);
    for (let i = 0; i < 7; i++) stopping.errors.report(outage());
    expect(stopping.lines.every((l) => l.level === "debug")).toBe(true);
  });

  it("does not call a loss that a stop follows within a second (Ctrl-C reaches PostgreSQL first) an error", async () => {
    const ctrlC = reporter(false, 100);
    ctrlC.errors.report(
      Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
    );
    ctrlC.beginStop(); // the same signal reaches this process a moment later
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ctrlC.lines.map((l) => l.level)).toEqual(["debug"]);
    ctrlC.errors.reset();

    const lost = reporter(false, 100);
    lost.errors.report(outage());
    expect(lost.lines).toHaveLength(0);
    await vi.waitFor(() => expect(lost.lines).toHaveLength(1), { timeout: 1_000 });
    expect(lost.lines[0]).toMatchObject({ level: "error", msg: "job queue lost the database; retrying quietly" });
    lost.errors.reset();
  });
});
