import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/roles";
import { reloadEnv } from "../env";
import {
  callerFor,
  createPaidOrder,
  createProduct,
  createUser,
  supportCallerFor,
  uniqueEmail,
} from "../test/factories";
import { appRouter } from "./root";
import type { ProcedureMeta } from "./trpc";

/**
 * The ownership matrix: every procedure that acts on one user-owned row, tried as its owner,
 * another customer, staff and anonymous. The cases are found from the routers' `ownerScoped`
 * meta, so a new owner-scoped procedure without a row here fails the first test.
 */

type Actor = "owner" | "otherCustomer" | "staff" | "anonymous";
type Outcome = "allow" | "NOT_FOUND" | "UNAUTHORIZED";

interface Fixture {
  users: Record<Exclude<Actor, "anonymous">, SessionUser>;
  productId: string;
}

interface Case {
  /** A fresh row owned by `users.owner`; returns the procedure's input. */
  setup: (f: Fixture) => Promise<unknown>;
  expected: Record<Actor, Outcome>;
  /**
   * For rows a visitor without an account may own too, by holding a secret token (support
   * threads): a fresh such row, its input and its token. Without a token such a procedure answers
   * NOT_FOUND, not UNAUTHORIZED (it is open to visitors); with another visitor's token, NOT_FOUND.
   */
  visitorSetup?: () => Promise<{ input: unknown; token: string }>;
}

const ownerOrStaff: Record<Actor, Outcome> = {
  owner: "allow",
  otherCustomer: "NOT_FOUND",
  staff: "allow",
  anonymous: "UNAUTHORIZED",
};
const ownerOnly: Record<Actor, Outcome> = { ...ownerOrStaff, staff: "NOT_FOUND" };
/** Owner-only, and open to visitors (who own rows by a token): no token finds nothing. */
const visitorReachable: Record<Actor, Outcome> = { ...ownerOnly, anonymous: "NOT_FOUND" };

const pendingOrder = async (f: Fixture) => {
  const order = await callerFor(f.users.owner).orders.create({
    idempotencyKey: crypto.randomUUID(),
    lines: [{ productId: f.productId, quantity: 1 }],
  });
  return { orderId: order.id };
};
const ownReview = async (f: Fixture) => {
  const product = await createProduct({ stock: 5 });
  await createPaidOrder(f.users.owner, product.id);
  const review = await callerFor(f.users.owner).reviews.create({
    productId: product.id,
    rating: 4,
    title: "Does the job",
    body: "Sturdy and well made, would buy again.",
  });
  return { reviewId: review.id };
};

const ownConversation = async (f: Fixture) => {
  const { saveTurn } = await import("../chat/conversations.service");
  const { getLogger } = await import("../observability/logger");
  const { db } = await import("../db/client");
  const conversationId = `own${Math.random().toString(36).slice(2, 12)}`;
  const question = { id: `q-${conversationId}`, role: "user", parts: [{ type: "text", text: "Where is my parcel?" }] };
  await saveTurn({ db, log: getLogger(), user: f.users.owner }, conversationId, { question });
  return { conversationId };
};

/** An answer in the owner's conversation, logged as a chat turn logs it: what a rating names. */
const ownAnswer = async (f: Fixture) => {
  const { saveTurn } = await import("../chat/conversations.service");
  const { recordAssistantTurn } = await import("../chat/assistant-turns.service");
  const { getLogger } = await import("../observability/logger");
  const { db } = await import("../db/client");
  const ctx = { db, log: getLogger(), user: f.users.owner };
  const conversationId = `ans${Math.random().toString(36).slice(2, 12)}`;
  const question = { id: `q-${conversationId}`, role: "user", parts: [{ type: "text", text: "Where is my parcel?" }] };
  const answer = {
    id: `a-${conversationId}`,
    role: "assistant",
    parts: [{ type: "text", text: "It ships in 2 days." }],
  };
  await saveTurn(ctx, conversationId, { question, answer });
  await recordAssistantTurn(ctx, {
    conversationId,
    question: "Where is my parcel?",
    answer,
    passages: [],
    modelId: "test",
  });
  return { messageId: answer.id };
};

const ownApiKey = async (f: Fixture) => {
  const { key } = await callerFor(f.users.owner).apiKeys.create({ name: "script", scopes: ["catalog:read"] });
  return { apiKeyId: key.id };
};
/**
 * A webhook endpoint of the owner (loopback: tests allow private URLs; no worker runs here). The
 * owner's earlier ones go first: an account may have only 20.
 */
const ownEndpoint = async (f: Fixture) => {
  const { db } = await import("../db/client");
  await db.webhookEndpoint.deleteMany({ where: { userId: f.users.owner.id } });
  const { endpoint } = await callerFor(f.users.owner).webhooks.create({
    url: "http://127.0.0.1:9/hook",
    events: ["order.paid"],
  });
  return { endpointId: endpoint.id };
};
/** A settled delivery of the owner's endpoint (resend takes settled ones only). */
const ownDelivery = async (f: Fixture) => {
  const { endpointId } = await ownEndpoint(f);
  const { deliveryId } = await callerFor(f.users.owner).webhooks.sendTest({ endpointId });
  const { db } = await import("../db/client");
  await db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "FAILED" } });
  return { deliveryId };
};

/** A support thread the owner handed over from the assistant. */
const ownThread = async (f: Fixture) => {
  const { threadId } = await callerFor(f.users.owner).support.open({
    transcript: [{ role: "user", text: "Where is my parcel?" }],
  });
  return { threadId };
};
/** A visitor's support thread: its owner is whoever holds the token. */
const visitorThread = async () => {
  const { threadId, accessToken } = await supportCallerFor(null).support.open({
    email: uniqueEmail("visitor"),
    transcript: [{ role: "user", text: "Where is my parcel?" }],
  });
  return { input: { threadId }, token: accessToken! };
};
const withBody = async (setup: () => Promise<{ input: unknown; token: string }>) => {
  const { input, token } = await setup();
  return { input: { ...(input as object), body: "Any news?" }, token };
};

const cases: Record<string, Case> = {
  "apiKeys.revoke": { setup: ownApiKey, expected: ownerOnly },
  "assistant.rateAnswer": {
    setup: async (f) => ({ ...(await ownAnswer(f)), rating: "down", reason: "Does not say where." }),
    expected: ownerOnly,
  },
  "assistant.clearRating": { setup: ownAnswer, expected: ownerOnly },
  "conversations.byId": { setup: ownConversation, expected: ownerOnly },
  "conversations.rename": {
    setup: async (f) => ({ ...(await ownConversation(f)), title: "Parcel question" }),
    expected: ownerOnly,
  },
  "conversations.delete": { setup: ownConversation, expected: ownerOnly },
  "orders.byId": { setup: pendingOrder, expected: ownerOrStaff },
  "orders.live": { setup: pendingOrder, expected: ownerOrStaff },
  "orders.pay": { setup: pendingOrder, expected: ownerOnly },
  "orders.cancel": { setup: pendingOrder, expected: ownerOnly },
  "reviews.update": {
    setup: async (f) => ({
      ...(await ownReview(f)),
      rating: 2,
      title: "Changed my mind",
      body: "It broke after a week of use.",
    }),
    expected: ownerOnly,
  },
  "reviews.delete": { setup: ownReview, expected: ownerOnly },
  "support.thread": { setup: ownThread, expected: visitorReachable, visitorSetup: visitorThread },
  "support.send": {
    setup: async (f) => ({ ...(await ownThread(f)), body: "Any news?" }),
    expected: visitorReachable,
    visitorSetup: () => withBody(visitorThread),
  },
  "support.markSeen": { setup: ownThread, expected: visitorReachable, visitorSetup: visitorThread },
  "support.onThread": { setup: ownThread, expected: visitorReachable, visitorSetup: visitorThread },
  "webhooks.update": {
    setup: async (f) => ({ ...(await ownEndpoint(f)), description: "Renamed" }),
    expected: ownerOnly,
  },
  "webhooks.setEnabled": {
    setup: async (f) => ({ ...(await ownEndpoint(f)), enabled: false }),
    expected: ownerOnly,
  },
  "webhooks.rollSecret": { setup: ownEndpoint, expected: ownerOnly },
  "webhooks.delete": { setup: ownEndpoint, expected: ownerOnly },
  "webhooks.deliveries": { setup: ownEndpoint, expected: ownerOnly },
  "webhooks.resend": { setup: ownDelivery, expected: ownerOnly },
  "webhooks.sendTest": { setup: ownEndpoint, expected: ownerOnly },
};

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta } }>;

let fixture: Fixture;
beforeAll(async () => {
  // Every case gets a fresh unpaid order of the one owner and product: past the default caps.
  process.env.ORDER_MAX_PENDING_PER_USER = "1000";
  process.env.ORDER_MAX_UNITS_PER_PRODUCT = "1000";
  reloadEnv();
  fixture = {
    users: {
      owner: await createUser({ name: "Owner" }),
      otherCustomer: await createUser({ name: "Other" }),
      staff: await createUser({ role: "STAFF", name: "Staff" }),
    },
    productId: (await createProduct({ stock: 1000 })).id,
  };
});

function call(actor: Actor, path: string, input: unknown) {
  const user = actor === "anonymous" ? null : fixture.users[actor];
  let target: unknown = callerFor(user);
  for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
  return (target as (input: unknown) => Promise<unknown>)(input);
}

describe("ownership matrix", () => {
  it("covers every procedure marked ownerScoped, with the access its mark declares", () => {
    const marked = Object.entries(procedures).filter(([, p]) => p._def.meta?.ownerScoped);
    expect(marked.map(([path]) => path).sort()).toEqual(Object.keys(cases).sort());
    for (const [path, procedure] of marked) {
      const declared = procedure._def.meta!.ownerScoped === "owner-or-staff" ? ownerOrStaff : ownerOnly;
      const c = cases[path]!;
      expect(c.expected, path).toEqual(c.visitorSetup ? { ...declared, anonymous: "NOT_FOUND" } : declared);
    }
  });

  const rows = Object.entries(cases).flatMap(([path, c]) =>
    (Object.entries(c.expected) as [Actor, Outcome][]).map(([actor, outcome]) => ({ path, actor, outcome, c })),
  );

  it.each(rows)("$path as $actor → $outcome", async ({ path, actor, outcome, c }) => {
    const input = await c.setup(fixture);
    const result = await call(actor, path, input).then(
      () => "allow",
      (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
    );
    expect(result).toBe(outcome);
  });

  const visitorRows = Object.entries(cases).flatMap(([path, c]) =>
    c.visitorSetup
      ? [
          { path, holder: "the token's holder", outcome: "allow", setup: c.visitorSetup },
          { path, holder: "another visitor's token", outcome: "NOT_FOUND", setup: c.visitorSetup },
        ]
      : [],
  );

  it.each(visitorRows)("$path as $holder → $outcome", async ({ path, holder, outcome, setup }) => {
    const { input, token } = await setup();
    const used = holder === "the token's holder" ? token : (await setup()).token;
    let target: unknown = supportCallerFor(used);
    for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
    const result = await (target as (input: unknown) => Promise<unknown>)(input).then(
      () => "allow",
      (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
    );
    expect(result).toBe(outcome);
  });
});

describe("back-office role matrix", () => {
  // The knowledge base's staff procedures live beside its public viewer, outside `admin.`.
  const adminPaths = Object.keys(procedures).filter((path) =>
    /^(admin\.|knowledge\.(list|live|reindex|delete)$)/.test(path),
  );
  const adminOnly = (path: string) => path.startsWith("admin.users.");

  // Roles are checked before input validation, so a probe input tells allowed (BAD_REQUEST or
  // success) from refused (FORBIDDEN / UNAUTHORIZED) without touching any row.
  const probe = async (user: SessionUser | null, path: string) => {
    let target: unknown = callerFor(user);
    for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
    return (target as (input: unknown) => Promise<unknown>)({ probe: true }).then(
      () => "allow",
      (error: unknown) => {
        const code = error instanceof TRPCError ? error.code : String(error);
        return code === "BAD_REQUEST" ? "allow" : code;
      },
    );
  };

  it("finds the back office's procedures", () => expect(adminPaths.length).toBeGreaterThanOrEqual(14));

  it.each(adminPaths)("%s: anonymous, customer, staff, admin", async (path) => {
    const admin = await createUser({ role: "ADMIN" });
    expect(await probe(null, path)).toBe("UNAUTHORIZED");
    expect(await probe(fixture.users.otherCustomer, path)).toBe("FORBIDDEN");
    expect(await probe(fixture.users.staff, path)).toBe(adminOnly(path) ? "FORBIDDEN" : "allow");
    expect(await probe(admin, path)).toBe("allow");
  });
});
