import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { PgBoss } from "pg-boss";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { getEnv } from "../env";
import {
  groupAlive,
  killGroup,
  npmRun,
  productionEnv,
  sleep,
  startProcess,
  startSmtpSink,
  startTcpProxy,
  type AppProcess,
} from "../test/processes";
import { ensureQueue } from "./queue";
import { sendWelcomeEmail } from "./send-welcome-email";

/**
 * `npm run worker` as a real process against real PostgreSQL and a loopback SMTP sink: killed
 * with SIGKILL mid-delivery, stopped with SIGTERM / SIGINT, stopped with a job stuck on a lock.
 */

const databaseUrl = getEnv().DATABASE_URL!;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
// Enqueues only: no supervisor here, so recovery is the restarted worker's doing alone.
const boss = new PgBoss({ connectionString: databaseUrl, schema: "pgboss", supervise: false, schedule: false });
const started: AppProcess[] = [];

beforeAll(async () => {
  // `npm run worker` runs the bundle; esbuild alone makes it in a second (no `next build` needed).
  await promisify(execFile)("npm", ["run", "--silent", "build:server"]);
  sink = await startSmtpSink({ delayMs: 5 });
  await boss.start();
  await ensureQueue(boss, sendWelcomeEmail);
});
afterEach(() => {
  for (const app of started.splice(0)) killGroup(app);
});
afterAll(async () => {
  await boss.stop({ graceful: false });
  await sink.close();
});

/** The worker exactly as `npm run worker` runs it after `exec` (node itself, no npm around it). */
function startWorker(extra: Record<string, string> = {}) {
  const app = startProcess(
    process.execPath,
    ["--enable-source-maps", "dist/server/worker.mjs"],
    productionEnv({ SMTP_URL: sink.url, ...extra }),
  );
  started.push(app);
  return app;
}
const ready = (app: AppProcess) => app.waitForLine((l) => l.msg === "job workers started");
const errorLines = (app: AppProcess) => app.lines.filter((l) => l.level === "error" || l.level === "fatal");

async function queueWelcomeMails(count: number, tag: string) {
  const users = Array.from({ length: count }, (_, i) => ({ email: `${tag}-${i}@example.test`, name: `U${i}` }));
  await db.user.createMany({ data: users });
  const ids = await db.user.findMany({ where: { email: { startsWith: `${tag}-` } }, select: { id: true } });
  await boss.insert(
    sendWelcomeEmail.name,
    ids.map((u) => ({ data: { payload: { userId: u.id } } })),
  );
  return ids.map((u) => u.id);
}

const jobStates = async (ids: string[]) =>
  (
    await db.$queryRawUnsafe<{ state: string; n: number }[]>(
      `SELECT state::text, count(*)::int AS n FROM pgboss.job WHERE name = $1 AND data->'payload'->>'userId' = ANY($2) GROUP BY 1`,
      sendWelcomeEmail.name,
      ids,
    )
  ).reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.state]: r.n }), {});

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

describe("worker process", () => {
  it("after kill -9 mid-delivery loses no mail, retries the orphans within 30 s, resends only in-doubt mail", async () => {
    const first = startWorker();
    await ready(first);
    const userIds = await queueWelcomeMails(400, "kill");
    await waitUntil(async () => sink.received.length >= 100, 30_000, "deliveries to start");
    process.kill(first.pid, "SIGKILL");
    await first.exited;
    const orphaned = (await jobStates(userIds)).active ?? 0;
    const inDoubt = await db.outboxMail.count({ where: { status: "SENDING" } });
    expect(orphaned).toBeGreaterThan(0); // it really died mid-delivery

    const back = Date.now();
    const second = startWorker();
    await waitUntil(async () => (await jobStates(userIds)).completed === 400, 45_000, "every job to complete");
    const recoverySeconds = (Date.now() - back) / 1000;

    expect(await db.outboxMail.count({ where: { status: "SENT", to: { startsWith: "kill-" } } })).toBe(400);
    const byRecipient = new Map<string, Set<string>>();
    for (const m of sink.received.filter((r) => r.to.startsWith("kill-")))
      byRecipient.set(m.to, (byRecipient.get(m.to) ?? new Set()).add(m.messageId));
    expect(byRecipient.size).toBe(400); // nobody's mail is lost
    // A resent mail carries the Message-ID of its first attempt.
    expect([...byRecipient.values()].every((ids) => ids.size === 1)).toBe(true);
    const duplicates = sink.received.filter((r) => r.to.startsWith("kill-")).length - 400;
    // Only mail that was SENDING at the kill can arrive twice.
    expect(duplicates).toBeLessThanOrEqual(inDoubt);
    expect(recoverySeconds).toBeLessThan(30);
    expect(errorLines(second)).toEqual([]);
    process.stdout.write(
      `kill -9: ${orphaned} orphaned jobs, ${inDoubt} mails in doubt, ${duplicates} duplicates, all 400 delivered ${recoverySeconds.toFixed(1)} s after the restart\n`,
    );
    second.child.kill("SIGTERM");
    await second.exited;
  }, 90_000);

  it("a job stuck on a lock does not hold SIGTERM past the grace period; the job is retried elsewhere", async () => {
    const first = startWorker({ SHUTDOWN_GRACE_SECONDS: "5" });
    await ready(first);
    const locker = new pg.Client({ connectionString: databaseUrl });
    await locker.connect();
    try {
      await locker.query(`BEGIN; LOCK TABLE "OutboxMail" IN ACCESS EXCLUSIVE MODE`);
      const [userId] = await queueWelcomeMails(1, "stuck");
      await waitUntil(async () => (await jobStates([userId!])).active === 1, 15_000, "the job to start");
      await sleep(500);
      const signalled = Date.now();
      first.child.kill("SIGTERM");
      const exit = await first.exited;
      const stopSeconds = (Date.now() - signalled) / 1000;
      expect(stopSeconds).toBeLessThan(5.5);
      expect(exit.signal).toBeNull();
      expect(await jobStates([userId!])).toEqual({ retry: 1 }); // failed for a retry, not lost
      expect(errorLines(first)).toEqual([]);
      await locker.query("ROLLBACK");

      const second = startWorker();
      await waitUntil(async () => (await jobStates([userId!])).completed === 1, 30_000, "the retry to complete");
      expect(sink.received.filter((r) => r.to === "stuck-0@example.test")).toHaveLength(1);
      second.child.kill("SIGTERM");
      await second.exited;
    } finally {
      await locker.end();
    }
  }, 60_000);

  it("a database outage logs one error line when it starts and one info line when it ends", async () => {
    const url = new URL(databaseUrl);
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
    url.port = String(proxy.port);
    try {
      const app = startWorker({ DATABASE_URL: url.toString() });
      await ready(app);
      proxy.cut();
      await sleep(8_000); // several polls, heartbeats and monitor passes of every queue
      proxy.restore();
      await app.waitForLine((l) => l.msg === "job queue reconnected", 15_000);
      const [userId] = await queueWelcomeMails(1, "outage");
      await waitUntil(async () => (await jobStates([userId!])).completed === 1, 15_000, "a job after the outage");
      expect(errorLines(app).map((l) => l.msg)).toEqual(["job queue lost the database; retrying quietly"]);
      expect(JSON.stringify(app.lines)).not.toMatch(/"client"|"_connectionCallback"|"password"/);
      app.child.kill("SIGTERM");
      await app.exited;
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it("`npm run worker` stops on SIGTERM to npm alone, and on Ctrl-C, leaving no process and no error line", async () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const app = npmRun("worker", productionEnv({ SMTP_URL: sink.url }));
      started.push(app);
      await ready(app);
      const signalled = Date.now();
      // SIGTERM: what a container runtime sends to its PID 1 (npm). SIGINT: a terminal's Ctrl-C
      // reaches every process of the foreground group.
      if (signal === "SIGTERM") app.child.kill("SIGTERM");
      else app.signalGroup("SIGINT");
      await app.waitForLine((l) => l.msg === "worker stopped", 10_000);
      await app.exited;
      await waitUntil(async () => !groupAlive(app.pid), 5_000, "every process of the group to exit");
      expect((Date.now() - signalled) / 1000).toBeLessThan(6);
      expect(errorLines(app)).toEqual([]);
      expect(app.raw.filter((l) => /error/i.test(l))).toEqual([]);
    }
  }, 60_000);
});
