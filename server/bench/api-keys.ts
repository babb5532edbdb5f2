/**
 * Benchmark: what authenticating by API key costs per request. The same procedure (`users.me`) on
 * the self-hosted server, signed in by session cookie and by `Authorization: Bearer sw_…`, and the
 * anonymous `health.ping` round trip beside them as the baseline of the stack itself.
 * `npm run build && npm run bench:api-keys`. Loopback only: DURATION seconds each (default 10),
 * CONNECTIONS (default 50).
 */
import autocannon from "autocannon";
import { randomBytes } from "node:crypto";
import os from "node:os";
import type { SessionUser } from "../auth/roles";
import { callerFor, sessionCookieFor } from "../test/factories";
import { withBenchServer } from "./bench-server";

const duration = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 50);

async function measure(target: string, url: string, headers: Record<string, string> = {}) {
  await autocannon({ url, headers, connections, duration: 2 }); // warm-up
  const result = await autocannon({ url, headers, connections, duration });
  return {
    target,
    rps: Math.round(result.requests.average),
    "p50 ms": result.latency.p50,
    "p99 ms": result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

// The cookie is sealed here and opened by the server: both need the same secret.
const authSecret = randomBytes(32).toString("base64url");
process.env.AUTH_SECRET = authSecret;

let secret = "";
let cookie = "";
await withBenchServer(
  {
    name: "api-keys",
    env: { AUTH_SECRET: authSecret },
    prepare: async (db) => {
      const created = await db.user.create({
        data: { email: "bench-keys@example.com", name: "Bench", role: "CUSTOMER" },
        select: { id: true, email: true, name: true, role: true },
      });
      const user: SessionUser = created;
      ({ secret } = await callerFor(user).apiKeys.create({ name: "bench", scopes: ["profile:read"] }));
      cookie = await sessionCookieFor(user);
    },
  },
  async ({ url }) => {
    const rows = [
      await measure("health.ping (anonymous)", `${url}/api/trpc/health.ping`),
      await measure("users.me by session cookie", `${url}/api/trpc/users.me`, { cookie }),
      await measure("users.me by API key", `${url}/api/trpc/users.me`, { authorization: `Bearer ${secret}` }),
    ];
    const [ping, bySession, byKey] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    console.log(`\n${connections} connections, ${duration} s each, ${os.cpus().length} cores\n`);
    console.table(rows.map((r) => ({ ...r, "vs ping": (r.rps / ping.rps).toFixed(2) })));
    const perRequestMs = (rps: number) => (connections * 1000) / rps;
    console.log(
      `key lookup vs session lookup: ${(perRequestMs(byKey.rps) - perRequestMs(bySession.rps)).toFixed(2)} ms per request ` +
        `(key ${(byKey.rps / bySession.rps).toFixed(2)}× the session's throughput)`,
    );
  },
);
