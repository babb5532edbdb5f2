/**
 * `npm run bench:jobs`: mail throughput of `npm run worker` processes. 10,000 welcome mails are
 * queued in a throwaway embedded PostgreSQL, then BENCH_WORKERS worker processes (default 1)
 * deliver them to an SMTP sink on loopback; reports mails/s in all and per worker process.
 * BENCH_MAILS, BENCH_LOG_LEVEL (default info, as in production) and JOBS_* settings apply.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PgBoss } from "pg-boss";
import { createPrismaClient } from "../db/client";
import { startEmbeddedPostgres } from "../db/embedded-postgres";
import { applyMigrations } from "../db/migrate";
import { sendWelcomeEmail } from "../jobs/send-welcome-email";
import { ensureQueue } from "../jobs/queue";
import { productionCommand } from "./bench-server";
import { productionEnv, startProcess, startSmtpSink, sleep, type AppProcess } from "../test/processes";

const mails = Number(process.env.BENCH_MAILS ?? 10_000);
const workerCount = Number(process.env.BENCH_WORKERS ?? 1);

const dataDir = await mkdtemp(path.join(os.tmpdir(), "shopwise-bench-jobs-"));
const pg = await startEmbeddedPostgres({ dataDir, database: "bench", persistent: false });
const db = createPrismaClient(pg.url);
const sink = await startSmtpSink();
const workers: AppProcess[] = [];
try {
  await applyMigrations(pg.url);
  const boss = new PgBoss({ connectionString: pg.url, schema: "pgboss", supervise: false, schedule: false });
  await boss.start();
  await ensureQueue(boss, sendWelcomeEmail);
  const queued = performance.now();
  for (let start = 0; start < mails; start += 1000) {
    const users = Array.from({ length: Math.min(1000, mails - start) }, (_, i) => ({
      id: `bench-user-${start + i}`,
      email: `bench-${start + i}@example.test`,
      name: `Bench ${start + i}`,
    }));
    await db.user.createMany({ data: users });
    await boss.insert(
      sendWelcomeEmail.name,
      users.map((u) => ({ data: { payload: { userId: u.id } } })),
    );
  }
  await boss.stop({ graceful: false });
  log(`queued ${mails} mails in ${Math.round(performance.now() - queued)} ms; starting ${workerCount} worker(s)`);

  const worker = productionCommand("worker");
  const env = productionEnv({
    DATABASE_URL: pg.url,
    SMTP_URL: sink.url,
    ...worker.env,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
  });
  for (let i = 0; i < workerCount; i++) workers.push(startProcess(worker.command, worker.args, env));
  await Promise.all(workers.map((w) => w.waitForLine((l) => l.msg === "job workers started")));
  const started = performance.now();
  let reported = 0;
  while (sink.received.length < mails) {
    await sleep(50);
    if (performance.now() - started > 600_000) throw new Error(`only ${sink.received.length} mails after 10 min`);
    const second = Math.floor((performance.now() - started) / 5000);
    if (second > reported) {
      reported = second;
      log(`  ${sink.received.length} delivered after ${(second * 5).toFixed(0)} s`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const sent = await db.outboxMail.count({ where: { status: "SENT" } });
  const distinct = new Set(sink.received.map((m) => m.messageId)).size;
  const perSecond = mails / seconds;
  log(
    `\n${mails} mails delivered in ${seconds.toFixed(1)} s: ${perSecond.toFixed(0)} mails/s in all, ` +
      `${(perSecond / workerCount).toFixed(0)} mails/s per worker process (${workerCount} worker(s), ${os.cpus().length} CPUs)`,
  );
  log(`outbox rows SENT: ${sent}; received ${sink.received.length} mails with ${distinct} distinct Message-IDs`);
  const sentLines = workers.flatMap((w) => w.lines.filter((l) => l.msg === "mail sent"));
  const ms = (key: string) => sentLines.map((l) => Number(l[key])).sort((a, b) => a - b);
  for (const key of ["smtpMs", "commitMs"]) {
    const values = ms(key);
    if (values.length)
      log(
        `${key}: p50 ${values[Math.floor(values.length / 2)]} ms, p99 ${values[Math.floor(values.length * 0.99)]} ms`,
      );
  }
  for (const w of workers) w.child.kill("SIGTERM");
  await Promise.all(workers.map((w) => w.exited));
} finally {
  for (const w of workers) if (w.child.exitCode === null) w.signalGroup("SIGKILL");
  await db.$disconnect();
  await sink.close();
  await pg.stop();
  await rm(dataDir, { recursive: true, force: true });
}

function log(message: string) {
  process.stdout.write(`${message}\n`);
}
