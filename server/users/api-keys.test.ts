import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createInnerContext } from "../api/trpc";
import { createCaller } from "../api/root";
import { hashApiKey, requireApiKeyCaller } from "../auth/api-keys";
import { db } from "../db/client";
import { renderError } from "../errors";
import { callerFor, createPaidOrder, createProduct, createUser } from "../test/factories";
import { MAX_ACTIVE_API_KEYS } from "./api-keys.schemas";

const codeOf = (error: unknown) => renderError(error).body.data.appCode;

async function refusal(promise: Promise<unknown>) {
  return promise.then(
    () => "allowed",
    (error: unknown) => `${error instanceof TRPCError ? error.code : "?"}:${codeOf(error)}`,
  );
}

/** The caller a request bearing `secret` gets, as the HTTP context builds it. */
async function keyCaller(secret: string) {
  return createCaller(createInnerContext(await requireApiKeyCaller(db, secret, "203.0.113.7")));
}

describe("API keys", () => {
  it("shows the secret once, stores only its hash and lists the key by prefix with its use", async () => {
    const user = await createUser();
    const { key, secret } = await callerFor(user).apiKeys.create({ name: "inventory sync", scopes: ["catalog:read"] });
    expect(secret).toMatch(/^sw_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(key.prefix)).toBe(true);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.secretHash).toBe(hashApiKey(secret));
    expect(JSON.stringify(row)).not.toContain(secret.slice(3));

    await (await keyCaller(secret)).catalog.categories();
    const { keys } = await callerFor(user).apiKeys.list();
    expect(keys).toEqual([expect.objectContaining({ id: key.id, prefix: key.prefix, lastUsedIp: "203.0.113.7" })]);
    expect(keys[0]!.lastUsedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(keys)).not.toContain(secret);
  });

  it("audits creation and revocation without the secret; a revoked key is refused at once", async () => {
    const user = await createUser();
    const { key, secret } = await callerFor(user).apiKeys.create({
      name: "reporting",
      scopes: ["orders:read"],
      expiresInDays: 30,
    });
    expect(key.expiresAt!.getTime() - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);
    await callerFor(user).apiKeys.revoke({ apiKeyId: key.id });
    await callerFor(user).apiKeys.revoke({ apiKeyId: key.id }); // twice: a no-op
    const audit = await db.auditLog.findMany({ where: { entityId: key.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["apiKey.create", "apiKey.revoke"]);
    expect(audit[0]!.actorId).toBe(user.id);
    expect(JSON.stringify(audit)).not.toContain(secret.slice(3, 20));
    await expect(refusal(requireApiKeyCaller(db, secret, null))).resolves.toBe("?:INVALID_API_KEY");
  });

  it("refuses malformed, unknown and expired keys and keys of a disabled account", async () => {
    const user = await createUser();
    await expect(refusal(requireApiKeyCaller(db, "sw_short", null))).resolves.toBe("?:INVALID_API_KEY");
    await expect(refusal(requireApiKeyCaller(db, `sw_${"A".repeat(43)}`, null))).resolves.toBe("?:INVALID_API_KEY");
    const { key, secret } = await callerFor(user).apiKeys.create({ name: "ci", scopes: ["catalog:read"] });
    await db.apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(refusal(requireApiKeyCaller(db, secret, null))).resolves.toBe("?:API_KEY_EXPIRED");
    await db.apiKey.update({ where: { id: key.id }, data: { expiresAt: null } });
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    await expect(refusal(requireApiKeyCaller(db, secret, null))).resolves.toBe("?:INVALID_API_KEY");
  });

  it("lets only staff grant staff scopes, and drops them when the owner loses the role", async () => {
    const customer = await createUser();
    await expect(
      refusal(callerFor(customer).apiKeys.create({ name: "x", scopes: ["catalog:read", "backoffice:read"] })),
    ).resolves.toBe("FORBIDDEN:SCOPE_NOT_GRANTABLE");
    expect((await callerFor(customer).apiKeys.list()).grantable.map((g) => g.scope)).not.toContain("backoffice:read");

    const staff = await createUser({ role: "STAFF" });
    const { secret } = await callerFor(staff).apiKeys.create({ name: "ops", scopes: ["backoffice:read"] });
    await expect(refusal((await keyCaller(secret)).admin.categories.list())).resolves.toBe("allowed");
    await db.user.update({ where: { id: staff.id }, data: { role: "CUSTOMER" } });
    await expect(refusal((await keyCaller(secret)).admin.categories.list())).resolves.toBe(
      "FORBIDDEN:API_KEY_SCOPE_REQUIRED",
    );
  });

  it("acts with staff rights only in procedures that need a staff scope", async () => {
    const shopper = await createUser();
    const order = await createPaidOrder(shopper, (await createProduct({ stock: 5 })).id);
    const staff = await createUser({ role: "STAFF" });
    const { secret } = await callerFor(staff).apiKeys.create({
      name: "fulfilment",
      scopes: ["orders:read", "backoffice:read", "backoffice:write"],
    });
    const script = await keyCaller(secret);
    // orders:read is a customer scope: the key reads its owner's orders only, staff or not.
    await expect(refusal(script.orders.byId({ orderId: order.id }))).resolves.toBe("NOT_FOUND:ORDER_NOT_FOUND");
    // The back office, through its own scope, sees every order.
    const { items } = await script.admin.orders.list({ q: order.id });
    expect(items.map((o) => o.id)).toEqual([order.id]);
  });

  it("leaves other Authorization schemes to the cookie, and refuses a flood of bad keys from one address", async () => {
    const { authenticateRequest } = await import("../auth/session");
    const basic = await authenticateRequest(new Headers({ authorization: "Basic dXNlcjpwYXNz" }), null);
    expect(basic).toEqual({ user: null, apiKey: null });
    const ip = "198.51.100.200";
    const attempts: string[] = [];
    for (let i = 0; i < 30; i++)
      attempts.push(await refusal(requireApiKeyCaller(db, `sw_${"x".repeat(42)}${i % 10}`, ip)));
    expect(attempts.filter((a) => a === "?:INVALID_API_KEY")).toHaveLength(30);
    await expect(refusal(requireApiKeyCaller(db, "sw_short", ip))).resolves.toBe("?:TOO_MANY_INVALID_API_KEYS");
    // Another address is not affected.
    await expect(refusal(requireApiKeyCaller(db, "sw_short", "198.51.100.201"))).resolves.toBe("?:INVALID_API_KEY");
  });

  it("caps the active keys of one account and names the fields of bad input", async () => {
    const user = await createUser();
    await db.apiKey.createMany({
      data: Array.from({ length: MAX_ACTIVE_API_KEYS }, (_, i) => ({
        userId: user.id,
        name: `k${i}`,
        prefix: "sw_test",
        secretHash: hashApiKey(`seed-${user.id}-${i}`),
        scopes: ["catalog:read"],
      })),
    });
    await expect(refusal(callerFor(user).apiKeys.create({ name: "one more", scopes: ["catalog:read"] }))).resolves.toBe(
      "CONFLICT:TOO_MANY_API_KEYS",
    );
    const bad = await callerFor(user)
      .apiKeys.create({ name: "", scopes: ["nope" as "catalog:read"], expiresInDays: 400 })
      .catch((error: unknown) => renderError(error).body.data);
    expect(Object.keys((bad as { fieldErrors: object }).fieldErrors).sort()).toEqual([
      "expiresInDays",
      "name",
      "scopes",
    ]);
  });
});
