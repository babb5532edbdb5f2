import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { reloadEnv } from "../../env";
import { callerFor, createUser } from "../../test/factories";

function setDevMailbox(value: string | undefined) {
  if (value === undefined) delete process.env.DEV_MAILBOX;
  else process.env.DEV_MAILBOX = value;
  reloadEnv();
}
afterEach(() => setDevMailbox(undefined));

describe("devMailbox.list", () => {
  it("is for admins only while it is on: anonymous, customers and staff are refused", async () => {
    setDevMailbox("true");
    await db.outboxMail.create({
      data: {
        dedupeKey: `test:${Date.now()}`,
        template: "welcome",
        to: "a@example.com",
        subject: "Hi",
        text: "x",
        html: "x",
      },
    });
    await expect(callerFor(null).devMailbox.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    for (const role of ["CUSTOMER", "STAFF"] as const)
      await expect(callerFor(await createUser({ role })).devMailbox.list({})).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    const page = await callerFor(await createUser({ role: "ADMIN" })).devMailbox.list({});
    expect(page.items.map((m) => m.to)).toContain("a@example.com");
  });

  it("is absent for everyone, admins too, when it is off", async () => {
    setDevMailbox("false");
    await expect(callerFor(await createUser({ role: "ADMIN" })).devMailbox.list({})).rejects.toMatchObject({
      code: "NOT_FOUND",
      cause: { code: "DEV_MAILBOX_DISABLED" },
    });
  });
});
