import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { renderError } from "../errors";
import { getLogger } from "../observability/logger";
import { callerFor, createUser } from "../test/factories";
import { captureLogs } from "../test/logs";
import { deliverWebhook } from "./deliver";
import { buildEvent } from "./events";
import { MANUAL_SENDS_PER_ENDPOINT_PER_MINUTE } from "./webhook-deliveries.service";

/** A receiver whose answer to each request the test decides (it may hold the response). */
let onRequest: (res: ServerResponse) => void = (res) => res.end("ok");
const receiver = createServer((req, res) => {
  req.resume();
  req.on("end", () => onRequest(res));
});
receiver.listen(0, "127.0.0.1");
await once(receiver, "listening");
const base = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
afterAll(() => {
  receiver.closeAllConnections();
  receiver.close();
});

async function pendingDelivery(path = "/attempts") {
  const user = await createUser();
  const { endpoint } = await callerFor(user).webhooks.create({ url: `${base}${path}`, events: ["order.paid"] });
  const event = buildEvent("ping", {});
  const delivery = await db.webhookDelivery.create({
    data: { endpointId: endpoint.id, eventType: "ping", eventId: event.id, payload: JSON.parse(JSON.stringify(event)) },
  });
  return { user, endpoint, delivery };
}

const attempt = (deliveryId: string, retryCount = 0) =>
  deliverWebhook({ db, log: getLogger() }, deliveryId, { retryCount, retryLimit: 7 });

describe("an attempt's bookkeeping is conditional on the delivery still pending", () => {
  it("two overlapping runs of one delivery record one attempt, and neither throws", async () => {
    const { delivery } = await pendingDelivery();
    // Both requests arrive before either is answered: both runs read PENDING and both POST.
    const held: ServerResponse[] = [];
    onRequest = (res) => {
      held.push(res);
      if (held.length === 2) for (const r of held) r.end("ok");
    };
    await Promise.all([attempt(delivery.id), attempt(delivery.id)]);
    const settled = await db.webhookDelivery.findUniqueOrThrow({
      where: { id: delivery.id },
      include: { attemptsLog: true },
    });
    expect(settled).toMatchObject({ status: "SUCCEEDED", attempts: 1, lastStatusCode: 200 });
    expect(settled.attemptsLog.map((a) => [a.number, a.statusCode])).toEqual([[1, 200]]);
  });

  it("an endpoint deleted while its attempt was under way: nothing recorded, no throw, no retry", async () => {
    const { user, endpoint, delivery } = await pendingDelivery();
    onRequest = (res) => {
      void callerFor(user)
        .webhooks.delete({ endpointId: endpoint.id })
        .then(() => res.writeHead(500).end("gone"));
    };
    await expect(attempt(delivery.id)).resolves.toBeUndefined();
    expect(await db.webhookDelivery.count({ where: { id: delivery.id } })).toBe(0);
    expect(await db.webhookDeliveryAttempt.count({ where: { deliveryId: delivery.id } })).toBe(0);
  });

  it("a run whose delivery another run settled meanwhile does not reopen it", async () => {
    const { delivery } = await pendingDelivery();
    onRequest = (res) => {
      void db.webhookDelivery
        .update({ where: { id: delivery.id }, data: { status: "SUCCEEDED", attempts: 1 } })
        .then(() => res.writeHead(503).end());
    };
    // A failed, not-last attempt would throw for a retry; here there is nothing left to retry.
    await expect(attempt(delivery.id)).resolves.toBeUndefined();
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "SUCCEEDED",
      attempts: 1,
    });
  });
});

describe("test sends and resends are capped per endpoint", () => {
  it(`allows ${MANUAL_SENDS_PER_ENDPOINT_PER_MINUTE} a minute, then 429 with Retry-After`, async () => {
    onRequest = (res) => res.end("ok");
    const { user, endpoint, delivery } = await pendingDelivery();
    const api = callerFor(user).webhooks;
    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "FAILED" } });
    await api.resend({ deliveryId: delivery.id });
    for (let i = 1; i < MANUAL_SENDS_PER_ENDPOINT_PER_MINUTE; i++) await api.sendTest({ endpointId: endpoint.id });
    const refused = await api.sendTest({ endpointId: endpoint.id }).catch((error: unknown) => renderError(error));
    expect(refused).toMatchObject({
      status: 429,
      headers: { "Retry-After": expect.stringMatching(/^\d+$/) },
      body: { data: { appCode: "WEBHOOK_SENDS_THROTTLED", details: { retryAfterSeconds: expect.any(Number) } } },
    });
    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "FAILED" } });
    const resend = await api.resend({ deliveryId: delivery.id }).catch((error: unknown) => renderError(error));
    expect(resend).toMatchObject({ status: 429 });
    // Another endpoint of the same account has its own allowance.
    const { endpoint: other } = await api.create({ url: `${base}/other`, events: ["order.paid"] });
    await expect(api.sendTest({ endpointId: other.id })).resolves.toMatchObject({ eventId: expect.any(String) });
  });
});

describe("webhook URLs in records", () => {
  it("the audit log keeps the origin and a hash, never the path or query; logs never the URL", async () => {
    const user = await createUser();
    const api = callerFor(user).webhooks;
    const logs = captureLogs();
    try {
      const secretUrl = `${base}/services/T0001/B0002/s3cr3tPathToken?token=q5ecret`;
      const { endpoint } = await api.create({ url: secretUrl, events: ["order.paid"] });
      await api.update({ endpointId: endpoint.id, url: `${base}/hooks/other-s3cr3t` });
      await api.setEnabled({ endpointId: endpoint.id, enabled: false });
      await api.delete({ endpointId: endpoint.id });
      const audit = await db.auditLog.findMany({ where: { entityId: endpoint.id }, orderBy: { createdAt: "asc" } });
      expect(audit).toHaveLength(4);
      const text = JSON.stringify(audit);
      for (const secret of ["s3cr3tPathToken", "q5ecret", "T0001", "other-s3cr3t"]) {
        expect(text).not.toContain(secret);
        expect(logs.raw.join("\n")).not.toContain(secret);
      }
      expect(audit[1]).toMatchObject({
        before: { url: `${base}/…`, urlSha256: expect.stringMatching(/^[0-9a-f]{16}$/) },
        after: { url: `${base}/…`, urlSha256: expect.stringMatching(/^[0-9a-f]{16}$/) },
      });
      const { before, after } = audit[1] as unknown as { before: { urlSha256: string }; after: { urlSha256: string } };
      expect(before.urlSha256).not.toBe(after.urlSha256);
    } finally {
      logs.restore();
    }
  });
});
