import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { encode } from "next-auth/jwt";
import { PgBoss } from "pg-boss";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSession } from "../auth/session-store";
import { createPrismaClient, type Db } from "../db/client";
import { freePort } from "../db/embedded-postgres";
import { applyMigrations } from "../db/migrate";
import { startDebianPostgres } from "../test/debian-postgres";
import { killGroup, productionEnv, sleep, startProcess, type AppProcess, type LogLine } from "../test/processes";

/**
 * Two app instances and one worker on one PostgreSQL server, as real processes: a price edited on
 * A is on B's next read, an order expired by a job refreshes both, a job enqueued on A runs once,
 * and each instance's readiness reports the bus. On Debian's PostgreSQL (the oldest ≥ 15
 * installed) and on the embedded server the suite runs on, each time on a new database the
 * migrations are applied to. The instances are server/test/api-instance.ts, the same fast path
 * and bus without Next (unit tests run before the build); with INSTANCES_TEST_BUILD=1 and a
 * current production build they are `npm start` and B's product page is read too. Opt-in: a
 * build left over from older code would fail for reasons of its own.
 */
const withBuild = process.env.INSTANCES_TEST_BUILD === "1" && existsSync(".next/BUILD_ID");
const AUTH_SECRET = randomBytes(32).toString("base64url");

type Server = { label: string; url: string; stop: () => Promise<void> };

async function embeddedServer(): Promise<Server> {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
  await client.end();
  return { label: `embedded PostgreSQL ${rows[0]!.server_version}`, url: url.toString(), stop: async () => {} };
}

async function debianServer(): Promise<Server> {
  const server = await startDebianPostgres();
  if (!server)
    throw new Error("Debian's postgresql package is not installed (apt-get install postgresql; .ci/run does)");
  return { label: `Debian PostgreSQL ${server.version}`, url: server.url, stop: server.stop };
}

describe.each([
  ["Debian's PostgreSQL", debianServer],
  ["embedded PostgreSQL", embeddedServer],
])("two instances and a worker on %s", (_name, startServer) => {
  let server: Server;
  let databaseUrl: string;
  let client: Db;
  const processes: AppProcess[] = [];
  let applied: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    const database = `bus_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const url = new URL(server.url);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
    applied = await applyMigrations(databaseUrl);
    client = createPrismaClient(databaseUrl);
  }, 60_000);

  afterAll(async () => {
    for (const p of processes) p.signalGroup("SIGTERM");
    await Promise.race([Promise.all(processes.map((p) => p.exited)), sleep(10_000)]);
    processes.forEach(killGroup);
    await client?.$disconnect();
    await server?.stop();
  }, 30_000);

  async function start(name: string, extra: Record<string, string>, script: "instance" | "worker") {
    const port = await freePort();
    const env = productionEnv({
      TSX_TSCONFIG_PATH: "server/tsconfig.node.json",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET,
      AUTH_URL: `http://127.0.0.1:${port}`,
      PORT: String(port),
      HOST: "127.0.0.1",
      INSTANCE_ID: name,
      ...extra,
    });
    // Without a build (`npm test` runs this before `npm run build`) the processes run the sources.
    const fromSource = (entry: string) => ["exec", "--", "node", "--import", "tsx", entry];
    const args =
      script === "worker"
        ? withBuild
          ? ["run", "--silent", "worker"]
          : fromSource("server/jobs/worker.ts")
        : withBuild
          ? ["run", "--silent", "start"]
          : fromSource("server/test/api-instance.ts");
    const app = startProcess("npm", args, env);
    processes.push(app);
    const ready = script === "worker" ? "job workers started" : "Shopwise is ready";
    await app.waitForLine((l) => l.msg === ready, 120_000);
    return { app, base: `http://127.0.0.1:${port}` };
  }

  it("share one bus: price, order expiry, one run per job, readiness", { timeout: 300_000 }, async () => {
    // Every migration, on an empty database of this server.
    expect(applied).toHaveLength(readdirSync("prisma/migrations").filter((f) => /^\d+_/.test(f)).length);
    const [a, b, worker] = await Promise.all([
      start("instance-a", {}, "instance"),
      start("instance-b", { JOBS_WORKER: "external" }, "instance"),
      start("worker-1", {}, "worker"),
    ]);
    const trpc = async (base: string, path: string, input: unknown, cookie?: string, method = "GET") => {
      const body = JSON.stringify({ json: input });
      const res = await fetch(
        method === "GET" ? `${base}/api/trpc/${path}?input=${encodeURIComponent(body)}` : `${base}/api/trpc/${path}`,
        {
          method,
          headers: { "content-type": "application/json", ...(cookie && { cookie }) },
          ...(method === "POST" && { body }),
        },
      );
      const json = (await res.json()) as { result?: { data: { json: unknown } }; error?: unknown };
      if (!res.ok) throw new Error(`${path} on ${base}: ${res.status} ${JSON.stringify(json.error)}`);
      return json.result!.data.json as Record<string, unknown>;
    };

    // Readiness: each instance names itself and hears the bus; the worker logged that it does.
    const readiness = await Promise.all(
      [a, b].map(
        async ({ base }) =>
          (await fetch(`${base}/api/health/ready`)).json() as Promise<{
            instance: string;
            checks: Record<string, unknown>;
          }>,
      ),
    );
    expect(readiness.map((r) => r.instance)).toEqual(["instance-a", "instance-b"]);
    for (const r of readiness)
      expect(r.checks["bus"]).toMatchObject({
        status: "ok",
        detail: expect.stringMatching(/^listening \(postgres\)/),
      });
    expect(worker.app.lines.some((l) => l.msg === "bus listening" && l.instanceId === "worker-1")).toBe(true);

    // A job enqueued on A (sign-up's welcome mail): runs once, in A or in the worker, never twice.
    const email = `bus-${randomBytes(3).toString("hex")}@example.com`;
    await trpc(
      a.base,
      "auth.signUp",
      { name: "Bus Tester", email, password: "correct horse battery" },
      undefined,
      "POST",
    );
    const user = await client.user.update({ where: { email }, data: { role: "STAFF" } });
    let job: { id: string; state: string } | undefined;
    for (let i = 0; i < 300 && job?.state !== "completed"; i++) {
      [job] = await client.$queryRaw<{ id: string; state: string }[]>`
          SELECT id::text, state::text FROM pgboss.job WHERE name = 'mail.welcome' AND data->'payload'->>'userId' = ${user.id}`;
      await sleep(100);
    }
    expect(job?.state).toBe("completed");
    await sleep(1_000); // a second run, if there were one, would have logged by now
    const runs = [a, b, worker].map(
      ({ app }) => app.lines.filter((l) => l.msg === "job completed" && l.jobId === job!.id).length,
    );
    expect(runs.reduce((x, y) => x + y)).toBe(1);
    expect(runs[1]).toBe(0); // B works no queue
    expect(await client.outboxMail.count({ where: { to: email } })).toBe(1);

    const category = await client.category.create({
      data: { name: "Bus", slug: `bus-${user.id}`, description: "Bus" },
    });
    const product = await client.product.create({
      data: {
        name: "Bus kettle",
        slug: `bus-kettle-${user.id}`,
        description: "Boils",
        price: "10.00",
        stock: 5,
        categoryId: category.id,
      },
    });
    const sid = await startSession(client, user.id);
    const name = "authjs.session-token";
    const cookie = `${name}=${await encode({ token: { sub: user.id, role: "STAFF", sid }, secret: AUTH_SECRET, salt: name })}`;
    const read = async (base: string) => trpc(base, "catalog.productBySlug", { slug: product.slug });
    for (const { base } of [a, b, a, b]) expect((await read(base))["price"]).toBe("10.00"); // both caches warm

    // A price edited on A, then B read back to back until it shows.
    await trpc(a.base, "admin.products.update", { id: product.id, price: "12.34" }, cookie, "POST");
    const edited = performance.now();
    const firstRead = (await read(b.base))["price"];
    let priceOnB = firstRead;
    while (priceOnB !== "12.34" && performance.now() - edited < 5_000) priceOnB = (await read(b.base))["price"];
    const priceStaleMs = performance.now() - edited;
    expect(priceOnB).toBe("12.34");
    expect((await read(a.base))["price"]).toBe("12.34");
    if (withBuild) expect(await (await fetch(`${b.base}/products/${product.slug}`)).text()).toContain("12.34");

    // An unpaid order takes 2; once past its payment window the expiry job returns them.
    const order = await trpc(
      a.base,
      "orders.create",
      { idempotencyKey: randomUUID(), lines: [{ productId: product.id, quantity: 2 }] },
      cookie,
      "POST",
    );
    for (const { base } of [a, b]) expect((await read(base))["stock"]).toBe(3);
    await client.order.update({
      where: { id: order["id"] as string },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const boss = new PgBoss({ connectionString: databaseUrl, schema: "pgboss", supervise: false, schedule: false });
    boss.on("error", () => {});
    await boss.start();
    await boss.send("orders.expire-unpaid", { payload: {}, correlationId: null });
    const sent = performance.now();
    const stockSeen: Record<string, number> = {};
    while (Object.keys(stockSeen).length < 2 && performance.now() - sent < 30_000) {
      for (const [label, { base }] of [
        ["a", a],
        ["b", b],
      ] as const)
        if (!(label in stockSeen) && (await read(base))["stock"] === 5) stockSeen[label] = performance.now() - sent;
      await sleep(5);
    }
    await boss.stop({ graceful: false });
    expect(Object.keys(stockSeen).sort()).toEqual(["a", "b"]);
    // The run logs after it has announced the change, so its line may trail the fresh reads.
    const expiredLine = (l: LogLine) => l.msg === "unpaid orders expired";
    await Promise.any([a, b, worker].map(({ app }) => app.waitForLine(expiredLine, 10_000)));
    await sleep(1_000); // a second run, if there were one, would have logged by now
    const expiredBy = [a, b, worker].filter(({ app }) => app.lines.some(expiredLine));
    expect(expiredBy).toHaveLength(1);
    expect(expiredBy[0]).not.toBe(b);
    const ranIn = expiredBy[0] === worker ? "the worker" : "A's in-process worker";
    // The expiry run's own log time to the first fresh read on each instance.
    const expiredAt = Date.parse(expiredBy[0]!.app.lines.find(expiredLine)!.time);
    const errors = [a, b, worker].flatMap(({ app }) =>
      app.lines.filter((l) => l.level === "error" || l.level === "fatal"),
    );
    expect(errors).toEqual([]);
    process.stdout.write(
      `${server.label} (${withBuild ? "npm start" : "fast path without a build"}): ${applied.length} migrations; ` +
        `price on B ${priceStaleMs.toFixed(1)} ms after A answered (first read ${firstRead === "12.34" ? "fresh" : "stale"}); ` +
        `expiry by ${ranIn}, stock fresh on A after ${stockSeen["a"]!.toFixed(0)} ms, B ${stockSeen["b"]!.toFixed(0)} ms ` +
        `from enqueue (job logged ${new Date(expiredAt).toISOString()}); welcome job ran once (${runs.join("/")} in A/B/worker)\n`,
    );
  });
});
