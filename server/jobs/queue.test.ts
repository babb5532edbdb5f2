import { afterAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { runWithContext } from "../observability/request-context";
import { captureLogs } from "../test/logs";
import { defineJob, enqueue, ensureQueue, getBoss, queueState, runJob, stopBoss } from "./queue";

afterAll(() => stopBoss(5_000));

describe("job queue", () => {
  it("rejects data that does not match the job's schema before enqueueing", async () => {
    const job = defineJob({
      name: "test.strict",
      schema: z.object({ n: z.number() }),
      queue: {},
      handle: async () => {},
    });
    await expect(enqueue(job, { n: "one" } as never)).rejects.toThrow();
  });

  it("runs a job inside the enqueuing request's correlation context", async () => {
    const seen: (string | undefined)[] = [];
    const logs = captureLogs();
    const job = defineJob({
      name: "test.context",
      schema: z.object({ n: z.number() }),
      queue: { retryLimit: 0 },
      async handle(_data, { log }) {
        const { currentCorrelationId } = await import("../observability/request-context");
        seen.push(currentCorrelationId());
        log.info("inside job");
      },
    });
    const id = await runWithContext({ correlationId: "corr-enqueue-42" }, () => enqueue(job, { n: 1 }));
    const boss = await getBoss();
    const [raw] = await boss.fetch<unknown>(job.name, { includeMetadata: true });
    expect(raw?.id).toBe(id);
    await runJob(job, raw!);
    expect(seen).toEqual(["corr-enqueue-42"]);
    expect(logs.lines().find((l) => l.msg === "inside job")).toMatchObject({
      correlationId: "corr-enqueue-42",
      job: "test.context",
    });
    logs.restore();
  });

  it("calls onExhausted only when the last retry fails", async () => {
    const exhausted = vi.fn();
    const job = defineJob({
      name: "test.failing",
      schema: z.object({}),
      queue: {},
      handle: async () => {
        throw new Error("boom");
      },
      onExhausted: exhausted,
    });
    const logs = captureLogs();
    const raw = { id: "j1", data: { payload: {} }, retryCount: 0, retryLimit: 2 } as never;
    await expect(runJob(job, raw)).rejects.toThrow("boom");
    expect(exhausted).not.toHaveBeenCalled();
    await expect(runJob(job, { ...(raw as object), retryCount: 2 } as never)).rejects.toThrow("boom");
    expect(exhausted).toHaveBeenCalledTimes(1);
    expect(logs.lines().filter((l) => l.msg === "job failed")).toHaveLength(2);
    logs.restore();
  });

  it("stops gracefully: the running job finishes before the queue closes", async () => {
    let finished = false;
    const job = defineJob({
      name: "test.slow",
      schema: z.object({}),
      queue: { retryLimit: 0 },
      async handle() {
        await new Promise((r) => setTimeout(r, 700));
        finished = true;
      },
    });
    const boss = await getBoss();
    await ensureQueue(boss, job);
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    await boss.work(job.name, { pollingIntervalSeconds: 0.5 }, async ([raw]) => {
      started();
      await runJob(job, raw!);
    });
    await enqueue(job, {});
    await running;
    await stopBoss(5_000);
    expect(finished).toBe(true);
    expect(queueState()).toBe("stopped");
  });
});
