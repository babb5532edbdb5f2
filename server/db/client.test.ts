import pg from "pg";
import { describe, expect, it } from "vitest";
import { getEnv } from "../env";
import { runWithContext } from "../observability/request-context";
import { createUser } from "../test/factories";
import { createPrismaClient, db } from "./client";

describe("database client", () => {
  it("tags each statement with the request's correlation ID", async () => {
    const user = await createUser();
    // Hold the row so Prisma's update waits, then read its SQL from pg_stat_activity.
    const locker = new pg.Client({ connectionString: getEnv().DATABASE_URL });
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query(`SELECT 1 FROM "User" WHERE id = $1 FOR UPDATE`, [user.id]);
    // Prisma queries run when awaited: await inside the context, as request code does.
    const update = runWithContext({ correlationId: "corr-sql-000001" }, async () =>
      db.user.update({ where: { id: user.id }, data: { name: "Tagged" } }),
    );
    let waiting: string | undefined;
    for (let i = 0; i < 50 && !waiting; i++) {
      await locker.query("SELECT pg_stat_clear_snapshot()"); // activity is frozen per transaction otherwise
      const { rows } = await locker.query<{ query: string }>(
        `SELECT query FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      waiting = rows[0]?.query;
      if (!waiting) await new Promise((r) => setTimeout(r, 50));
    }
    await locker.query("COMMIT");
    await locker.end();
    await update;
    expect(waiting).toMatch(/^UPDATE "public"\."User"/);
    expect(waiting).toContain("correlation_id='corr-sql-000001'");
  });

  it("with prepared statements on, plans each distinct statement once per connection, without the comment", async () => {
    const prepared = createPrismaClient(getEnv().DATABASE_URL!, { max: 1, preparedStatements: true });
    try {
      const user = await createUser();
      for (let i = 0; i < 3; i++) {
        const found = await prepared.user.findUnique({ where: { id: user.id }, select: { email: true } });
        expect(found?.email).toBe(user.email);
      }
      const long = `SELECT 1 AS one /*${"x".repeat(9_000)}*/`; // past the length bound: unnamed
      expect(await prepared.$queryRawUnsafe(long)).toEqual([{ one: 1 }]);
      const statements = await prepared.$queryRaw<{ name: string; statement: string }[]>`
        SELECT name, statement FROM pg_prepared_statements`;
      const finds = statements.filter((s) => s.statement.includes(`FROM "public"."User"`));
      expect(finds).toHaveLength(1);
      expect(finds[0]!.name).toMatch(/^shopwise_\d+$/);
      expect(finds[0]!.statement).not.toContain("correlation_id");
      expect(statements.some((s) => s.statement.includes("xxxx"))).toBe(false);
    } finally {
      await prepared.$disconnect();
    }
  });
});
