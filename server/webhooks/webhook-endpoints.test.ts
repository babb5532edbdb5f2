import { TRPCError } from "@trpc/server";
import { once } from "node:events";
import { createServer } from "node:http";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { reloadEnv } from "../env";
import { getLogger } from "../observability/logger";
import { callerFor, createUser } from "../test/factories";
import { deliverWebhook } from "./deliver";
import { buildEvent } from "./events";
import { decryptSecret } from "./secret-storage";
import { verifyWebhookSignature } from "./signing";

const hits: { body: string; signature: string }[] = [];
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    hits.push({ body, signature: String(req.headers["shopwise-signature"]) });
    res.end("ok");
  });
});
receiver.listen(0, "127.0.0.1");
await once(receiver, "listening");
const port = (receiver.address() as { port: number }).port;
afterAll(() => receiver.close());

const { NODE_ENV: originalNodeEnv, AUTH_SECRET: originalSecret } = process.env;
afterEach(() => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE_URLS;
  Object.assign(process.env, { NODE_ENV: originalNodeEnv, AUTH_SECRET: originalSecret });
  reloadEnv();
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => {
      expect(error).toBeInstanceOf(TRPCError);
      const e = error as TRPCError & { cause: { code: string; field?: string } };
      return { code: e.code, appCode: e.cause.code, field: e.cause.field };
    },
  );

/** A delivery recorded without a job (this file runs no workers), attempted by hand. */
async function attempt(endpointId: string) {
  const event = buildEvent("ping", {});
  const delivery = await db.webhookDelivery.create({
    data: { endpointId, eventType: "ping", eventId: event.id, payload: JSON.parse(JSON.stringify(event)) },
  });
  await deliverWebhook({ db, log: getLogger() }, delivery.id, { retryCount: 0, retryLimit: 7 });
  return db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
}

describe("webhook endpoints", () => {
  it("show the whsec_ secret once, store it encrypted, and never list it", async () => {
    const user = await createUser();
    const api = callerFor(user).webhooks;
    const { endpoint, secret } = await api.create({
      url: `http://127.0.0.1:${port}/a`,
      events: ["order.paid", "order.paid"],
      description: "Warehouse",
    });
    expect(secret).toMatch(/^whsec_/);
    expect(endpoint).toMatchObject({ events: ["order.paid"], description: "Warehouse", enabled: true });
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.secretCiphertext).not.toContain(secret.slice(6));
    expect(decryptSecret(row.secretCiphertext)).toBe(secret);
    expect(JSON.stringify(await api.list())).not.toContain(secret);
    expect(JSON.stringify(await api.list())).not.toContain("secretCiphertext");
  });

  it("roll the secret: deliveries from then on are signed with the new one", async () => {
    const user = await createUser();
    const api = callerFor(user).webhooks;
    const { endpoint, secret: first } = await api.create({ url: `http://127.0.0.1:${port}/b`, events: ["order.paid"] });
    const { secret: second } = await api.rollSecret({ endpointId: endpoint.id });
    expect(second).not.toBe(first);
    hits.length = 0;
    expect(await attempt(endpoint.id)).toMatchObject({ status: "SUCCEEDED", lastStatusCode: 200 });
    expect(verifyWebhookSignature(hits[0]!.body, hits[0]!.signature, second)).toBe(true);
    expect(verifyWebhookSignature(hits[0]!.body, hits[0]!.signature, first)).toBe(false);
  });

  it("fail a pending delivery at once when its endpoint was disabled or its secret cannot be read", async () => {
    const user = await createUser();
    const api = callerFor(user).webhooks;
    hits.length = 0;
    const off = await api.create({ url: `http://127.0.0.1:${port}/off`, events: ["order.paid"] });
    await api.setEnabled({ endpointId: off.endpoint.id, enabled: false });
    expect(await attempt(off.endpoint.id)).toMatchObject({
      status: "FAILED",
      lastError: "endpoint disabled before delivery",
      nextAttemptAt: null,
    });
    const stale = await api.create({ url: `http://127.0.0.1:${port}/stale`, events: ["order.paid"] });
    process.env.AUTH_SECRET = "another-auth-secret-that-is-long-enough-0123456789";
    reloadEnv();
    const unreadable = await attempt(stale.endpoint.id);
    expect(unreadable).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(unreadable.lastError).toMatch(/roll the endpoint's secret/);
    expect(hits).toHaveLength(0);
  });

  it("update, disable and delete, each in the audit log without the secret", async () => {
    const user = await createUser();
    const api = callerFor(user).webhooks;
    const { endpoint, secret } = await api.create({ url: `http://127.0.0.1:${port}/c`, events: ["order.paid"] });
    const updated = await api.update({ endpointId: endpoint.id, events: ["order.shipped"], description: "Ops" });
    expect(updated).toMatchObject({ events: ["order.shipped"], description: "Ops", url: endpoint.url });
    await api.setEnabled({ endpointId: endpoint.id, enabled: false });
    await api.rollSecret({ endpointId: endpoint.id });
    await api.delete({ endpointId: endpoint.id });
    expect(await db.webhookEndpoint.count({ where: { id: endpoint.id } })).toBe(0);
    const audit = await db.auditLog.findMany({
      where: { entity: "WebhookEndpoint", entityId: endpoint.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["webhook.create", user.id],
      ["webhook.update", user.id],
      ["webhook.disable", user.id],
      ["webhook.roll-secret", user.id],
      ["webhook.delete", user.id],
    ]);
    expect(audit[1]).toMatchObject({ before: { events: ["order.paid"] }, after: { events: ["order.shipped"] } });
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it("validate what is sent: an http(s) URL, known events, no credentials in the URL", async () => {
    const api = callerFor(await createUser()).webhooks;
    for (const url of ["ftp://example.com/hook", "javascript:alert(1)", "not a url", ""])
      expect(await refusal(api.create({ url, events: ["order.paid"] }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(
      await refusal(api.create({ url: "https://example.com", events: ["order.refunded" as "order.paid"] })),
    ).toMatchObject({ code: "BAD_REQUEST" });
    expect(await refusal(api.create({ url: "https://example.com", events: [] }))).toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await refusal(api.create({ url: "https://user:pw@example.com/", events: ["order.paid"] }))).toEqual({
      code: "BAD_REQUEST",
      appCode: "WEBHOOK_URL_CREDENTIALS",
      field: "url",
    });
  });
});

describe("SSRF guard (WEBHOOK_ALLOW_PRIVATE_URLS=false)", () => {
  it.each([
    "http://127.0.0.1/hook",
    "http://localhost:3000/hook",
    "http://[::1]/hook",
    "http://169.254.169.254/latest/meta-data",
    "http://10.0.0.7/hook",
    "http://192.168.1.10/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://2130706433/hook",
    "http://0.0.0.0/hook",
  ])("refuses to save %s", async (url) => {
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "false";
    reloadEnv();
    const api = callerFor(await createUser()).webhooks;
    expect(await refusal(api.create({ url, events: ["order.paid"] }))).toEqual({
      code: "BAD_REQUEST",
      appCode: "WEBHOOK_URL_PRIVATE",
      field: "url",
    });
  });

  it("refuses an update to a private URL too, and accepts a public address", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "false";
    reloadEnv();
    const api = callerFor(await createUser()).webhooks;
    const { endpoint } = await api.create({ url: "https://93.184.215.14/hook", events: ["order.paid"] });
    expect(await refusal(api.update({ endpointId: endpoint.id, url: "http://127.0.0.1/x" }))).toMatchObject({
      appCode: "WEBHOOK_URL_PRIVATE",
      field: "url",
    });
  });

  it("refuses a saved loopback URL at delivery time, without sending, and does not retry", async () => {
    const user = await createUser();
    const { endpoint } = await callerFor(user).webhooks.create({
      url: `http://localhost:${port}/d`,
      events: ["order.paid"],
    });
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "false";
    reloadEnv();
    hits.length = 0;
    const delivery = await attempt(endpoint.id);
    expect(delivery).toMatchObject({ status: "FAILED", attempts: 1, lastStatusCode: null, nextAttemptAt: null });
    expect(delivery.lastError).toMatch(/private or reserved address \(127\.0\.0\.1|::1\)/);
    expect(hits).toHaveLength(0);
  });

  it("requires https in production unless private URLs are allowed", async () => {
    const api = callerFor(await createUser()).webhooks;
    // Production refuses the test suite's AUTH_SECRET (it contains "secret").
    Object.assign(process.env, { NODE_ENV: "production", AUTH_SECRET: "k3Zq9vX2mN8pR4tY7wB1cD5fG6hJ0lQa" });
    reloadEnv();
    expect(await refusal(api.create({ url: "http://93.184.215.14/hook", events: ["order.paid"] }))).toEqual({
      code: "BAD_REQUEST",
      appCode: "WEBHOOK_URL_NOT_HTTPS",
      field: "url",
    });
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "true";
    reloadEnv();
    const { endpoint } = await api.create({ url: "http://93.184.215.14/hook", events: ["order.paid"] });
    expect(endpoint.url).toBe("http://93.184.215.14/hook");
  });
});
