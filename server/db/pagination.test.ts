import { describe, expect, it } from "vitest";
import { createUser } from "../test/factories";
import { db } from "./client";
import { afterCursor, cursorPage } from "./pagination";

/** Against real rows: conversations of one user, newest first, paged two at a time. */
describe("cursor pages", () => {
  async function page(userId: string, cursor: string | null) {
    const input = { cursor, limit: 2 };
    const rows = await db.conversation.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...afterCursor(input),
      select: { id: true },
    });
    return cursorPage(rows, input);
  }

  it("pages through, ends with an empty page when the rows after the cursor went away, refuses a made-up cursor", async () => {
    const user = await createUser();
    const created = [];
    for (let i = 0; i < 4; i++)
      created.push(
        await db.conversation.create({
          data: { userId: user.id, title: `c${i}`, createdAt: new Date(2026, 0, i + 1) },
        }),
      );
    const first = await page(user.id, null);
    expect(first.items.map((c) => c.id)).toEqual([created[3]!.id, created[2]!.id]);
    const second = await page(user.id, first.nextCursor);
    expect(second).toEqual({ items: [{ id: created[1]!.id }, { id: created[0]!.id }], nextCursor: null });

    // Another tab deletes everything after page one: loading more is the end of the list, not an error.
    await db.conversation.deleteMany({ where: { id: { in: [created[0]!.id, created[1]!.id] } } });
    expect(await page(user.id, first.nextCursor)).toEqual({ items: [], nextCursor: null });

    expect(() => cursorPage([], { cursor: "made-up-id", limit: 2 })).toThrow(/no longer valid/);
    await expect(page(user.id, "made-up-id")).rejects.toMatchObject({ code: "INVALID_CURSOR", field: "cursor" });
  });
});
