import { describe, expect, it } from "vitest";
import { getSessionUser } from "../auth/session";
import { createSignInThrottle } from "../auth/sign-in-throttle";
import { db } from "../db/client";
import { getLogger } from "../observability/logger";
import { callerFor, createUser, sessionCookieFor } from "../test/factories";
import { verifyCredentials } from "./users.service";

const signIn = (email: string, password: string) =>
  verifyCredentials(
    { db, log: getLogger(), throttle: createSignInThrottle(db, { maxFailures: 10, lockSeconds: 60 }) },
    { email, password, ip: null },
  );

describe("admin.users.setDisabled", () => {
  it("disables an account: its sessions end at once, it cannot sign in, and the audit log says who did it", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const target = await createUser({ role: "STAFF", password: "target password" });
    const cookie = await sessionCookieFor(target);
    expect(await getSessionUser(new Headers({ cookie }))).toMatchObject({ id: target.id });

    const disabled = await callerFor(admin).admin.users.setDisabled({ userId: target.id, disabled: true });
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    expect(await getSessionUser(new Headers({ cookie }))).toBeNull();
    expect(await db.session.count({ where: { userId: target.id } })).toBe(0);
    await expect(signIn(target.email, "target password")).rejects.toMatchObject({ code: "ACCOUNT_DISABLED" });
    // A wrong password learns nothing about the account.
    await expect(signIn(target.email, "wrong password")).resolves.toBeNull();
    const listed = await callerFor(admin).admin.users.list({ q: target.email });
    expect(listed.items[0]?.disabledAt).toBeInstanceOf(Date);

    await callerFor(admin).admin.users.setDisabled({ userId: target.id, disabled: false });
    await expect(signIn(target.email, "target password")).resolves.toMatchObject({ id: target.id });
    // Enabling does not bring old sessions back.
    expect(await getSessionUser(new Headers({ cookie }))).toBeNull();

    const trail = await db.auditLog.findMany({
      where: { entity: "User", entityId: target.id },
      orderBy: { createdAt: "asc" },
    });
    expect(trail.map((e) => [e.action, e.actorId])).toEqual([
      ["user.disable", admin.id],
      ["user.enable", admin.id],
    ]);
    expect(trail[0]?.after).toMatchObject({ revokedSessions: 1 });
  });

  it("is for admins only, and never on yourself", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const target = await createUser();
    for (const role of ["CUSTOMER", "STAFF"] as const)
      await expect(
        callerFor(await createUser({ role })).admin.users.setDisabled({ userId: target.id, disabled: true }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(admin).admin.users.setDisabled({ userId: admin.id, disabled: true })).rejects.toMatchObject({
      code: "FORBIDDEN",
      cause: { code: "CANNOT_DISABLE_SELF" },
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).disabledAt).toBeNull();
    await expect(
      callerFor(admin).admin.users.setDisabled({ userId: "no-such-user", disabled: true }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
