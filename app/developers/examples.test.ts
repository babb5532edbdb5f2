import ts from "typescript";
import { describe, expect, it } from "vitest";
import { signWebhookPayload } from "~/server/webhooks/signing";
import { VERIFY_WEBHOOK } from "./examples";

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
