import { getTRPCErrorShape, TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/roles";
import { createPaidOrder, createProduct, createUser } from "../test/factories";
import { handleChatRequest } from "./chat-route";
import { appRouter, createCaller } from "./root";
import { createInnerContext } from "./trpc";

/**
 * Strings PostgreSQL cannot take (a NUL byte: error 22021; a lone surrogate) are refused by the
 * shared input vocabulary with 400 naming the field, before any SQL runs: through the real
 * procedures and database, as the client would see the error.
 */

let customer: SessionUser;
let staff: SessionUser;
let productId: string;
beforeAll(async () => {
  customer = await createUser();
  staff = await createUser({ role: "STAFF" });
  productId = (await createProduct()).id;
  await createPaidOrder(customer, productId);
});

const NUL = "\u0000";
const LONE_SURROGATE = "\uD83D";

type Call = (api: ReturnType<typeof createCaller>) => Promise<unknown>;

/** The error shape the client receives (the router's own formatter), from a failed call. */
async function clientError(user: SessionUser | null, call: Call) {
  const ctx = createInnerContext({ user });
  const error = await call(createCaller(ctx)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return getTRPCErrorShape({
    config: appRouter._def._config,
    error: error as TRPCError,
    type: "query",
    path: undefined,
    input: undefined,
    ctx,
  }) as unknown as { code: number; data: { code: string; fieldErrors: Record<string, string[]> | null } };
}

describe.each([
  ["a NUL byte", NUL],
  ["a lone surrogate", LONE_SURROGATE],
])("%s is a field error, never a database error", (_, bad) => {
  it.each<[string, () => SessionUser | null, Call, string]>([
    ["catalog search", () => null, (api) => api.catalog.products({ q: `jacket${bad}` }), "q"],
    ["back-office search", () => staff, (api) => api.admin.products.list({ q: `lamp${bad}` }), "q"],
    ["an order id", () => customer, (api) => api.orders.byId({ orderId: `order${bad}` }), "orderId"],
    ["a product id", () => null, (api) => api.reviews.summary({ productId: `${productId}${bad}` }), "productId"],
    ["a page cursor", () => customer, (api) => api.orders.list({ cursor: `c${bad}` }), "cursor"],
    [
      "a review's text",
      () => customer,
      (api) => api.reviews.create({ productId, rating: 5, title: "Great lamp", body: `Bright and ${bad} warm light.` }),
      "body",
    ],
    [
      "a conversation title",
      () => customer,
      (api) => api.conversations.rename({ conversationId: "conversation-1", title: `Hi${bad}` }),
      "title",
    ],
    ["a display name", () => customer, (api) => api.users.updateProfile({ name: `Ada${bad}` }), "name"],
  ])("%s", async (_, user, call, field) => {
    const shape = await clientError(user(), call);
    expect(shape.data.code).toBe("BAD_REQUEST");
    expect(Object.keys(shape.data.fieldErrors ?? {})).toEqual([field]);
  });
});

describe("page cursors", () => {
  it("a tampered catalog cursor is a field error on cursor", async () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const [sort, cursor] of [
      ["price-asc", forged({ v: "not a price", id: productId })],
      ["newest", forged({ v: "not a date", id: productId })],
      ["relevance", forged({ v: "NaN", id: productId })],
      ["newest", forged({ v: new Date().toISOString(), id: `x${NUL}` })],
      ["newest", "not-base64-json"],
    ] as const) {
      const shape = await clientError(null, (api) => api.catalog.products({ sort, cursor }));
      expect(shape.data.code, `${sort} ${cursor}`).toBe("BAD_REQUEST");
      expect(Object.keys(shape.data.fieldErrors ?? {})).toEqual(["cursor"]);
    }
  });
});

describe("POST /api/chat", () => {
  it("a NUL in a message's text is 400 on messages", async () => {
    const response = await handleChatRequest(
      new Request("http://localhost/api/chat", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost", "sec-fetch-site": "same-origin" },
        body: JSON.stringify({
          id: "vocabulary-test-chat",
          trigger: "submit-message",
          messages: [{ id: "m1", role: "user", parts: [{ type: "text", text: `Where is my order${NUL}?` }] }],
        }),
      }),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { data: { fieldErrors: Record<string, string[]> } } };
    expect(Object.keys(body.error.data.fieldErrors)).toEqual(["messages"]);
  });
});
