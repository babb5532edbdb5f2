import ts from "typescript";
import { describe, expect, it } from "vitest";
import { buildEvent } from "~/server/webhooks/events";
import { signWebhookPayload } from "~/server/webhooks/signing";
import { VERIFY_WEBHOOK, WEBHOOK_DELIVERY } from "./examples";

/** The guide's signature check, compiled as a reader would, must agree with how deliveries are signed. */
describe("the developer guide's webhook signature check", () => {
  it("accepts a real signature and refuses a changed body, another secret and a stale timestamp", async () => {
    const js = ts.transpileModule(VERIFY_WEBHOOK, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const { verifyShopwiseSignature: verify } = (await import(
      `data:text/javascript;base64,${Buffer.from(js).toString("base64")}`
    )) as { verifyShopwiseSignature: (body: string, header: string, secret: string) => boolean };
    const body = JSON.stringify({ id: "evt_1", type: "order.paid" });
    const header = signWebhookPayload(body, "whsec_guide");
    expect(verify(body, header, "whsec_guide")).toBe(true);
    expect(verify(`${body} `, header, "whsec_guide")).toBe(false);
    expect(verify(body, header, "whsec_other")).toBe(false);
    const stale = signWebhookPayload(body, "whsec_guide", Math.floor(Date.now() / 1000) - 3600);
    expect(verify(body, stale, "whsec_guide")).toBe(false);
    expect(verify(body, "t=abc,v1=zz", "whsec_guide")).toBe(false);
  });
});

/** Each key of `value` with its JSON type, one level into objects (the order itself is elided). */
const shapeOf = (value: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      v !== null && typeof v === "object" ? Object.keys(v).sort() : v === null ? "null" : typeof v,
    ]),
  );

describe("the developer guide's sample delivery", () => {
  it("has the keys and value types of a real event (created in unix seconds), headers included", () => {
    const [head, body] = WEBHOOK_DELIVERY.split("\n\n");
    // The sample elides the order ("{…}") and the event id's random part ("evt_…").
    const sample = JSON.parse(body!.replace("{…}", "{}")) as Record<string, unknown>;
    const real = buildEvent("order.paid", { order: { id: "o1" } }) as unknown as Record<string, unknown>;
    expect(shapeOf(sample)).toEqual(shapeOf(real));
    expect(sample).toMatchObject({ type: "order.paid", id: expect.stringMatching(/^evt_/) });
    expect(Number.isInteger(sample.created)).toBe(true);
    // The signature's timestamp and the event's creation are in the same unit.
    expect(head).toContain(`Shopwise-Signature: t=${String(sample.created)},v1=`);
    expect(head).toContain(`Shopwise-Event-Type: ${String(sample.type)}`);
  });
});
