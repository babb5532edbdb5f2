import { once } from "node:events";
import { SMTPServer } from "smtp-server";
import { afterAll, describe, expect, it, vi } from "vitest";
import { callerFor, uniqueEmail } from "../test/factories";
import { db } from "../db/client";
import { reloadEnv } from "../env";
import { closeMailTransports } from "../mail/mail.service";
import { runWithContext } from "../observability/request-context";
import { getBoss } from "./queue";
import { sendWelcomeEmail } from "./send-welcome-email";
import { startWorkers, stopWorkers } from "./workers";

const waitFor = <T>(fn: () => Promise<T | null | undefined>, timeoutMs = 10_000) =>
  vi.waitFor(
    async () => {
      const value = await fn();
      if (!value) throw new Error("not yet");
      return value;
    },
    { timeout: timeoutMs, interval: 100 },
  );

// A real SMTP server on loopback, so delivery is tested through nodemailer for real.
const received: { to: string; body: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    let body = "";
    stream.on("data", (chunk: Buffer) => (body += chunk.toString()));
    stream.on("end", () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), body });
      callback();
    });
  },
});
smtp.listen(0, "127.0.0.1");
await once(smtp.server, "listening");
const smtpPort = (smtp.server.address() as { port: number }).port;

afterAll(async () => {
  await stopWorkers(5_000);
  closeMailTransports(); // pooled connections would keep smtp.close() waiting
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe("welcome mail job", () => {
  it("is configured for retries with exponential backoff and a dead-letter queue", async () => {
    await startWorkers({ concurrency: 1 });
    const queue = await (await getBoss()).getQueue(sendWelcomeEmail.name);
    expect(queue).toMatchObject({ retryLimit: 5, retryBackoff: true, deadLetter: "mail.welcome.dead" });
  });

  it("delivers the mail after sign-up, carrying the request's correlation ID", async () => {
    const email = uniqueEmail("welcome");
    const user = await runWithContext({ correlationId: "corr-signup-0001" }, () =>
      callerFor(null, "corr-signup-0001").auth.signUp({ name: "Wendy", email, password: "long enough pw" }),
    );
    const mail = await waitFor(() => db.outboxMail.findFirst({ where: { to: email, status: "SENT" } }));
    expect(mail).toMatchObject({
      dedupeKey: `welcome:${user.id}`,
      subject: "Welcome to Shopwise",
      transport: "dev-mailbox",
      correlationId: "corr-signup-0001",
      attempts: 1,
    });
    expect(mail.text).toContain("Hi Wendy,");
  });

  it("is idempotent: running the job again sends nothing twice", async () => {
    const user = await callerFor(null).auth.signUp({ name: "Ivy", email: uniqueEmail(), password: "long enough pw" });
    await waitFor(() => db.outboxMail.findFirst({ where: { dedupeKey: `welcome:${user.id}`, status: "SENT" } }));
    const log = (await import("../observability/logger")).getLogger();
    await sendWelcomeEmail.handle({ userId: user.id }, { id: "again", log, retryCount: 1, retryLimit: 5 });
    const mails = await db.outboxMail.findMany({ where: { dedupeKey: `welcome:${user.id}` } });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.attempts).toBe(1);
  });

  it("delivers over SMTP when SMTP_URL is set, and records failures for retry", async () => {
    const log = (await import("../observability/logger")).getLogger();
    const ok = await db.user.create({ data: { email: uniqueEmail("smtp"), name: "Sam" } });
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
    reloadEnv();
    try {
      await sendWelcomeEmail.handle({ userId: ok.id }, { id: "smtp", log, retryCount: 0, retryLimit: 5 });
      expect(received.find((m) => m.to === ok.email)?.body).toContain("Welcome to Shopwise");
      expect(await db.outboxMail.findUniqueOrThrow({ where: { dedupeKey: `welcome:${ok.id}` } })).toMatchObject({
        status: "SENT",
        transport: "smtp",
      });

      const failing = await db.user.create({ data: { email: uniqueEmail("down"), name: "Dana" } });
      process.env.SMTP_URL = "smtp://127.0.0.1:1"; // nothing listens there
      reloadEnv();
      await expect(
        sendWelcomeEmail.handle({ userId: failing.id }, { id: "down", log, retryCount: 0, retryLimit: 5 }),
      ).rejects.toThrow();
      const stored = await db.outboxMail.findUniqueOrThrow({ where: { dedupeKey: `welcome:${failing.id}` } });
      expect(stored).toMatchObject({ status: "PENDING", attempts: 1 });
      expect(stored.lastError).toMatch(/ECONNREFUSED|connect/i);

      await sendWelcomeEmail.onExhausted!({ userId: failing.id }, log);
      expect((await db.outboxMail.findUniqueOrThrow({ where: { id: stored.id } })).status).toBe("FAILED");
    } finally {
      delete process.env.SMTP_URL;
      reloadEnv();
    }
  });

  it("skips users deleted before the job ran", async () => {
    const log = (await import("../observability/logger")).getLogger();
    await expect(
      sendWelcomeEmail.handle({ userId: "gone" }, { id: "gone", log, retryCount: 0, retryLimit: 5 }),
    ).resolves.toBeUndefined();
    expect(await db.outboxMail.count({ where: { dedupeKey: "welcome:gone" } })).toBe(0);
  });
});
