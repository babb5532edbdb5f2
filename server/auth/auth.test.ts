import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { RateLimitedError } from "../errors";
import { getLogger } from "../observability/logger";
import { createUser, uniqueEmail } from "../test/factories";
import { verifyCredentials } from "../users/users.service";
import { hashPassword, verifyPassword } from "./password";
import { hasRole } from "./roles";
import { endRequestSession, getSessionUser } from "./session";
import { createSignInThrottle } from "./sign-in-throttle";
import { sessionCookieFor } from "../test/factories";
import { encode } from "next-auth/jwt";
import { getEnv, reloadEnv } from "../env";
import { startSession } from "./session-store";
import { clientIp } from "./client-ip";

const ctx = (maxFailures = 3) => ({
  db,
  log: getLogger(),
  throttle: createSignInThrottle(db, { maxFailures, lockSeconds: 60 }),
});

describe("passwords", () => {
  it("hash with argon2id and verify only the right password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "wrong horse battery")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });
});

describe("verifyCredentials", () => {
  it("returns the user for the right password, null for a wrong one or an unknown email", async () => {
    const user = await createUser({ password: "right password 1" });
    const c = ctx();
    await expect(
      verifyCredentials(c, { email: user.email, password: "right password 1", ip: "10.0.0.1" }),
    ).resolves.toMatchObject({
      id: user.id,
      role: "CUSTOMER",
    });
    await expect(verifyCredentials(c, { email: user.email, password: "wrong", ip: "10.0.0.1" })).resolves.toBeNull();
    await expect(
      verifyCredentials(c, { email: uniqueEmail(), password: "whatever", ip: "10.0.0.1" }),
    ).resolves.toBeNull();
  });

  it("locks an email after repeated failures, even with the right password, and says when to retry", async () => {
    const user = await createUser({ password: "right password 2" });
    const c = ctx(3);
    for (let i = 0; i < 3; i++) await verifyCredentials(c, { email: user.email, password: "nope", ip: `10.1.0.${i}` });
    const error = await verifyCredentials(c, { email: user.email, password: "right password 2", ip: "10.1.0.9" }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(RateLimitedError);
    // Locked for the full lock time from the last failure.
    expect(error.context.retryAfterSeconds).toBeGreaterThan(55);
    expect(error.context.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("locks an IP that tries many emails", async () => {
    const c = ctx(2); // an IP gets 4x an email's allowance: 8 failures
    for (let i = 0; i < 8; i++) await verifyCredentials(c, { email: uniqueEmail(), password: "nope", ip: "10.2.0.1" });
    await expect(
      verifyCredentials(c, { email: uniqueEmail(), password: "nope", ip: "10.2.0.1" }),
    ).rejects.toBeInstanceOf(RateLimitedError);
    await expect(verifyCredentials(c, { email: uniqueEmail(), password: "nope", ip: "10.2.0.2" })).resolves.toBeNull();
  });

  it("a successful sign-in clears the email's failure count", async () => {
    const user = await createUser({ password: "right password 3" });
    const c = ctx(3);
    for (let i = 0; i < 2; i++) await verifyCredentials(c, { email: user.email, password: "nope", ip: null });
    await verifyCredentials(c, { email: user.email, password: "right password 3", ip: null });
    for (let i = 0; i < 2; i++) await verifyCredentials(c, { email: user.email, password: "nope", ip: null });
    await expect(
      verifyCredentials(c, { email: user.email, password: "right password 3", ip: null }),
    ).resolves.toMatchObject({ id: user.id });
  });
});

describe("sessions", () => {
  it("reads the user from the session cookie and reflects role changes at once", async () => {
    const user = await createUser();
    const headers = new Headers({ cookie: await sessionCookieFor(user) });
    expect(await getSessionUser(headers)).toMatchObject({ id: user.id, role: "CUSTOMER" });
    await db.user.update({ where: { id: user.id }, data: { role: "STAFF" } });
    expect(await getSessionUser(headers)).toMatchObject({ role: "STAFF" });
    await db.user.delete({ where: { id: user.id } });
    expect(await getSessionUser(headers)).toBeNull();
  });

  it("needs a live server-side session: none, an expired one, another user's or a disabled account is refused", async () => {
    const user = await createUser();
    const name = "authjs.session-token";
    const cookieWith = async (token: Record<string, unknown>) =>
      new Headers({ cookie: `${name}=${await encode({ token, secret: getEnv().AUTH_SECRET!, salt: name })}` });

    // A validly signed token without a session id (as every token was before server-side sessions).
    expect(await getSessionUser(await cookieWith({ sub: user.id, role: "ADMIN" }))).toBeNull();
    const sid = await startSession(db, user.id);
    expect(await getSessionUser(await cookieWith({ sub: user.id, sid }))).toMatchObject({ id: user.id });
    // The session id of one user does not sign in another.
    const other = await createUser();
    expect(await getSessionUser(await cookieWith({ sub: other.id, sid }))).toBeNull();

    await db.session.update({ where: { sessionToken: sid }, data: { expires: new Date(Date.now() - 1000) } });
    expect(await getSessionUser(await cookieWith({ sub: user.id, sid }))).toBeNull();

    const live = await startSession(db, user.id);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1); // the expired one was dropped
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await getSessionUser(await cookieWith({ sub: user.id, sid: live }))).toBeNull();
  });

  it("a cookie accepted once is refused under another secret, and after sign-out", async () => {
    const user = await createUser();
    const sid = await startSession(db, user.id);
    const name = "authjs.session-token";
    const jwt = await encode({ token: { sub: user.id, sid }, secret: getEnv().AUTH_SECRET!, salt: name });
    const headers = new Headers({ cookie: `${name}=${jwt}` });
    expect(await getSessionUser(headers)).toMatchObject({ id: user.id });
    expect(await getSessionUser(headers)).toMatchObject({ id: user.id });

    const secret = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = "another secret of at least thirty-two characters";
    reloadEnv();
    try {
      expect(await getSessionUser(headers)).toBeNull();
    } finally {
      process.env.AUTH_SECRET = secret;
      reloadEnv();
    }
    expect(await getSessionUser(headers)).toMatchObject({ id: user.id });
    await endRequestSession(headers);
    expect(await getSessionUser(headers)).toBeNull();
  });

  it("starts no session for a sign-in whose password changed after it was checked", async () => {
    const user = await createUser({ password: "old password 123" });
    const verified = await verifyCredentials(ctx(), { email: user.email, password: "old password 123", ip: null });
    // The owner changes the password (and revokes every session) between the check and the session.
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword("new password 456") } });
    await expect(
      startSession(db, user.id, { verifiedPasswordHash: verified!.verifiedPasswordHash }),
    ).rejects.toMatchObject({ code: "PASSWORD_CHANGED" });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    const current = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    await expect(startSession(db, user.id, { verifiedPasswordHash: current.passwordHash! })).resolves.toBeTruthy();
  });

  it("ignores requests without a session cookie or with a forged one", async () => {
    expect(await getSessionUser(new Headers())).toBeNull();
    expect(await getSessionUser(new Headers({ cookie: "authjs.session-token=eyJhbGciOiJub25lIn0.e30." }))).toBeNull();
  });

  it("ranks roles: ADMIN covers STAFF covers CUSTOMER", () => {
    expect(hasRole({ role: "ADMIN" }, "STAFF")).toBe(true);
    expect(hasRole({ role: "STAFF" }, "ADMIN")).toBe(false);
    expect(hasRole({ role: "CUSTOMER" }, "CUSTOMER")).toBe(true);
    expect(hasRole(null, "CUSTOMER")).toBe(false);
  });

  it("takes the client IP from the hop the proxy added, never from what the client sent before it", () => {
    // The client sent "203.0.113.7" itself; the proxy appended the address it saw.
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.7, 198.51.100.9" }))).toBe("198.51.100.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.9" }))).toBe("198.51.100.9");
    expect(clientIp(new Headers({ "x-real-ip": "203.0.113.8" }))).toBe("203.0.113.8");
    expect(clientIp(new Headers())).toBeNull();
  });
});
