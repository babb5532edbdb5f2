import { describe, expect, it } from "vitest";
import { prepareRuntime } from "./boot";
import { db } from "./db/client";
import { seedDemoData } from "./db/seed";
import { verifyPassword } from "./auth/password";

describe("start-up", () => {
  it("with DATABASE_URL set: uses it, finds nothing to migrate, seeds nothing", async () => {
    const runtime = await prepareRuntime();
    expect(runtime.embedded).toBeUndefined();
    expect(runtime.demoAccounts).toEqual([]);
    // No uploads left on this disk by an older version: nothing to move into the file store.
    expect(runtime.uploads).toEqual({ moved: 0, unreferenced: 0 });
    // The help centre ships with the app: every article is queued for indexing once.
    expect(runtime.helpCentre.queued).toBeGreaterThanOrEqual(6);
    expect((await prepareRuntime()).helpCentre.queued).toBe(0);
  });

  it("seeds an admin and a customer once, with working passwords", async () => {
    const created = await seedDemoData(db, { admin: "admin password 1" });
    expect(created.map((a) => [a.email, a.role])).toEqual([
      ["admin@shopwise.local", "ADMIN"],
      ["customer@shopwise.local", "CUSTOMER"],
    ]);
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@shopwise.local" } });
    expect(await verifyPassword(admin.passwordHash!, "admin password 1")).toBe(true);
    expect(await seedDemoData(db)).toEqual([]);
    expect(await db.user.count({ where: { email: { endsWith: "@shopwise.local" } } })).toBe(2);
  });
});
