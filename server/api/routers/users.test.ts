import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { getSessionUser } from "../../auth/session";
import { reloadEnv } from "../../env";
import { callerFor, createUser, sessionCookieFor, uniqueEmail } from "../../test/factories";
import { verifyCredentials } from "../../users/users.service";
import { createSignInThrottle } from "../../auth/sign-in-throttle";
import { getLogger } from "../../observability/logger";
import { createCaller } from "../root";
import { createTRPCRouter, adminProcedure, createCallerFactory, createInnerContext, staffProcedure } from "../trpc";

describe("auth.signUp", () => {
  it("creates a customer with a hashed password and enqueues the welcome mail in the same transaction", async () => {
    const email = uniqueEmail("New.Person").toUpperCase();
    const user = await callerFor(null).auth.signUp({ name: "New Person", email, password: "long enough pw" });

    expect(user).toMatchObject({ email: email.toLowerCase(), name: "New Person", role: "CUSTOMER" });
    expect(user).not.toHaveProperty("passwordHash");
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    const jobs = await db.$queryRaw<{ name: string; data: { payload: { userId: string } } }[]>`
      SELECT name, data FROM pgboss.job WHERE data->'payload'->>'userId' = ${user.id}`;
    expect(jobs).toEqual([expect.objectContaining({ name: "mail.welcome" })]);
  });

  it("names each invalid field and writes nothing", async () => {
    const email = "not-an-email";
    const error = await callerFor(null)
      .auth.signUp({ name: "", email, password: "short" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    const issues = ((error as TRPCError).cause as unknown as { issues: { path: string[] }[] }).issues.map(
      (i) => i.path[0],
    );
    expect(issues.sort()).toEqual(["email", "name", "password"]);
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("rejects keys it did not offer (no mass assignment of role)", async () => {
    const signUp = callerFor(null).auth.signUp as (input: unknown) => Promise<unknown>;
    const email = uniqueEmail();
    await expect(signUp({ name: "Eve", email, password: "long enough pw", role: "ADMIN" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("returns CONFLICT on the email field for a duplicate, whatever its case", async () => {
    const existing = await createUser();
    const error = await callerFor(null)
      .auth.signUp({ name: "Again", email: existing.email.toUpperCase(), password: "long enough pw" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "CONFLICT", cause: { code: "EMAIL_TAKEN", context: { field: "email" } } });
    expect(await db.user.count({ where: { email: existing.email } })).toBe(1);
  });

  it("is throttled per IP: past SIGNUP_MAX_PER_IP attempts in the window, 429 with when to retry", async () => {
    Object.assign(process.env, { SIGNUP_MAX_PER_IP: "3", SIGNUP_WINDOW_SECONDS: "600" });
    reloadEnv();
    try {
      const from = (ip: string) => createCaller(createInnerContext({ user: null, ip })).auth;
      const signUp = (ip: string, email = uniqueEmail()) =>
        from(ip).signUp({ name: "Burst", email, password: "long enough pw" });
      const taken = (await createUser()).email;
      await signUp("203.0.113.50");
      await signUp("203.0.113.50");
      // A refused attempt counts too (it costs a hash and probes for taken emails).
      await expect(signUp("203.0.113.50", taken)).rejects.toMatchObject({ code: "CONFLICT" });
      const email = uniqueEmail();
      const error = await signUp("203.0.113.50", email).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "TOO_MANY_REQUESTS", cause: { code: "SIGN_UP_THROTTLED" } });
      const { retryAfterSeconds } = (error as TRPCError & { cause: { context: { retryAfterSeconds: number } } }).cause
        .context;
      expect(retryAfterSeconds).toBeGreaterThan(590);
      expect(retryAfterSeconds).toBeLessThanOrEqual(600);
      expect(await db.user.count({ where: { email } })).toBe(0);
      // Another address is not affected.
      await expect(signUp("203.0.113.51")).resolves.toMatchObject({ role: "CUSTOMER" });
    } finally {
      delete process.env.SIGNUP_MAX_PER_IP;
      delete process.env.SIGNUP_WINDOW_SECONDS;
      reloadEnv();
    }
  });
});

describe("users", () => {
  it("me needs a session", async () => {
    await expect(callerFor(null).users.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("me returns the caller's profile only", async () => {
    const user = await createUser({ name: "Ada" });
    await createUser({ name: "Someone else" });
    await expect(callerFor(user).users.me()).resolves.toMatchObject({ id: user.id, name: "Ada", email: user.email });
  });

  it("updateProfile changes the caller's own name and validates it", async () => {
    const user = await createUser({ name: "Old" });
    await expect(callerFor(user).users.updateProfile({ name: "  New Name " })).resolves.toMatchObject({
      name: "New Name",
    });
    await expect(callerFor(user).users.updateProfile({ name: " " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("New Name");
  });

  it("changePassword needs the current password, and then revokes every session of the account", async () => {
    const user = await createUser({ password: "old password 1" });
    const [here, elsewhere] = [await sessionCookieFor(user), await sessionCookieFor(user)];
    const someoneElse = await sessionCookieFor(await createUser());

    const wrong = await callerFor(user)
      .users.changePassword({ currentPassword: "not it", newPassword: "new password 1" })
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({
      code: "BAD_REQUEST",
      cause: { code: "WRONG_PASSWORD", field: "currentPassword" },
    });
    expect(await getSessionUser(new Headers({ cookie: here }))).toMatchObject({ id: user.id });
    const short = await callerFor(user)
      .users.changePassword({ currentPassword: "old password 1", newPassword: "short" })
      .catch((e: unknown) => e);
    expect(JSON.stringify((short as TRPCError).cause)).toContain("newPassword");

    await expect(
      callerFor(user).users.changePassword({ currentPassword: "old password 1", newPassword: "new password 1" }),
    ).resolves.toEqual({ revokedSessions: 2 });
    for (const cookie of [here, elsewhere]) expect(await getSessionUser(new Headers({ cookie }))).toBeNull();
    expect(await getSessionUser(new Headers({ cookie: someoneElse }))).not.toBeNull();

    const sign = (password: string) =>
      verifyCredentials(
        { db, log: getLogger(), throttle: createSignInThrottle(db, { maxFailures: 10, lockSeconds: 60 }) },
        { email: user.email, password, ip: null },
      );
    expect(await sign("old password 1")).toBeNull();
    expect(await sign("new password 1")).toMatchObject({ id: user.id });
  });

  it("me reports a deleted account as NOT_FOUND with a stable code", async () => {
    const user = await createUser();
    await db.user.delete({ where: { id: user.id } });
    await expect(callerFor(user).users.me()).rejects.toMatchObject({
      code: "NOT_FOUND",
      cause: { code: "USER_NOT_FOUND" },
    });
  });
});

describe("role procedures", () => {
  const router = createTRPCRouter({
    staffOnly: staffProcedure.query(() => "staff ok"),
    adminOnly: adminProcedure.query(() => "admin ok"),
  });
  const callAs = (role: "CUSTOMER" | "STAFF" | "ADMIN" | null) =>
    createCallerFactory(router)(
      createInnerContext({ user: role && { id: `u-${role}`, email: `${role}@example.com`, name: null, role } }),
    );

  it.each([
    [null, "UNAUTHORIZED", "UNAUTHORIZED"],
    ["CUSTOMER", "FORBIDDEN", "FORBIDDEN"],
    ["STAFF", "staff ok", "FORBIDDEN"],
    ["ADMIN", "staff ok", "admin ok"],
  ] as const)("as %s: staff → %s, admin → %s", async (role, staff, admin) => {
    const outcome = (p: Promise<string>) => p.catch((e: TRPCError) => e.code);
    expect(await outcome(callAs(role).staffOnly())).toBe(staff);
    expect(await outcome(callAs(role).adminOnly())).toBe(admin);
  });
});
