import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { freePort } from "../db/embedded-postgres";
import { killGroup, productionEnv, startProcess, type AppProcess } from "../test/processes";

/**
 * Two real server processes (each serving the tRPC router, server/test/trpc-server.ts) on this
 * file's database: one caller's allowance is one counter, whichever process answers.
 */
const apps: AppProcess[] = [];
afterAll(() => apps.forEach(killGroup));

async function startServer() {
  const port = await freePort();
  const app = startProcess(
    process.execPath,
    ["--import", "tsx", "server/test/trpc-server.ts"],
    productionEnv({ TSX_TSCONFIG_PATH: "server/tsconfig.node.json", PORT: String(port), RATE_LIMIT_READS: "4/60" }),
  );
  apps.push(app);
  await app.waitForLine((l) => l.msg === "trpc test server listening", 60_000);
  return (ip: string) => fetch(`http://127.0.0.1:${port}/api/trpc/health.ping`, { headers: { "x-forwarded-for": ip } });
}

describe("two server processes on one database", () => {
  it("share one caller's limit", { timeout: 120_000 }, async () => {
    const [a, b] = await Promise.all([startServer(), startServer()]);
    expect(apps[0]!.pid).not.toBe(apps[1]!.pid);
    const ip = `198.51.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
    const remaining: (string | null)[] = [];
    for (const ping of [a, b, a, b]) {
      const res = await ping(ip);
      expect(res.status).toBe(200);
      remaining.push(/;r=(\d+);/.exec(res.headers.get("ratelimit") ?? "")?.[1] ?? null);
    }
    // Each process saw the other's calls: the allowance went down by one per call, across both.
    expect(remaining).toEqual(["3", "2", "1", "0"]);
    expect((await a(ip)).status).toBe(429);
    expect((await b(ip)).status).toBe(429);
    const row = await db.rateLimit.findUnique({ where: { key: `api:read:ip:${ip}` } });
    expect(row?.points).toBe(6);
    // Another caller is untouched by it.
    expect((await b(`2001:db8::${randomBytes(2).toString("hex")}`)).status).toBe(200);
  });
});
