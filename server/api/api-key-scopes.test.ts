import { once } from "node:events";
import { createServer } from "node:http";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as chatPost } from "~/app/api/chat/route";
import { GET as routeGet, POST as routePost } from "~/app/api/trpc/[trpc]/route";
import { API_SCOPE_NAMES } from "../auth/api-scopes";
import type { SessionUser } from "../auth/roles";
import { renderError } from "../errors";
import { handleNodeRequest } from "../observability/http";
import { callerFor, createUser, sessionCookieFor } from "../test/factories";
import { captureLogs } from "../test/logs";
import { createTrpcNodeHandler } from "./http";
import { createCaller, appRouter } from "./root";
import { createInnerContext, type ProcedureMeta } from "./trpc";

/**
 * API keys against the whole router: every procedure, found from the router, either declares the
 * scope a key needs or refuses keys (fail closed); then `Authorization: Bearer` over both transports.
 */

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta } }>;

/** The procedures no key may call: changing who you are or how you sign in, minting keys, dev tools. */
const KEYLESS = [
  "admin.users.setDisabled",
  "admin.users.setRole",
  "apiKeys.create",
  "apiKeys.list",
  "apiKeys.revoke",
  "auth.signUp",
  "devMailbox.list",
  "users.changePassword",
  "users.updateProfile",
];

let admin: SessionUser;
beforeAll(async () => {
  admin = await createUser({ role: "ADMIN" });
});

/** The app code a call fails with ("allowed" when it passes the key check: input errors count as passing). */
async function keyOutcome(scopes: string[], path: string) {
  let target: unknown = createCaller(
    createInnerContext({ user: admin, apiKey: { id: "key-under-test", scopes: scopes as never } }),
  );
  for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
  return (target as (input: unknown) => Promise<unknown>)({ probe: true }).then(
    () => "allowed",
    (error: unknown) => {
      const code = renderError(error).body.data.appCode;
      return code.startsWith("API_KEY_") ? code : "allowed";
    },
  );
}

describe("every procedure and API keys", () => {
  it("refuses keys exactly where no scope is declared", () => {
    const undeclared = Object.entries(procedures).filter(([, p]) => p._def.meta?.scope === undefined);
    expect(undeclared.map(([path]) => path).sort()).toEqual(KEYLESS);
  });

  it.each(Object.keys(procedures))("%s: refused without its scope, reached with it", async (path) => {
    const scope = procedures[path]!._def.meta?.scope;
    if (scope === undefined) {
      expect(await keyOutcome([...API_SCOPE_NAMES], path)).toBe("API_KEY_NOT_ACCEPTED");
      return;
    }
    expect(await keyOutcome([...API_SCOPE_NAMES], path)).toBe("allowed");
    if (scope === "any") return;
    const others = API_SCOPE_NAMES.filter((s) => s !== scope);
    expect(await keyOutcome(others, path)).toBe("API_KEY_SCOPE_REQUIRED");
  });
});

let nodeBase = "";
const server = createServer((req, res) => handleNodeRequest(req, res, () => createTrpcNodeHandler()(req, res)));
beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  nodeBase = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => server.close());

type Call = (path: string, headers: Record<string, string>, body?: unknown) => Promise<Response>;
const init = (headers: Record<string, string>, body?: unknown) => ({
  method: body === undefined ? "GET" : "POST",
  headers: { "content-type": "application/json", ...headers },
  ...(body !== undefined && { body: JSON.stringify(superjson.serialize(body)) }),
});
const transports: [string, Call][] = [
  ["node fast path", (path, headers, body) => fetch(`${nodeBase}/api/trpc/${path}`, init(headers, body))],
  [
    "next route handler",
    (path, headers, body) => {
      const req = new Request(`http://localhost/api/trpc/${path}`, init(headers, body));
      return body === undefined ? routeGet(req) : routePost(req);
    },
  ],
];

describe.each(transports)("Authorization: Bearer over the %s", (_name, call) => {
  let secret = "";
  let owner: SessionUser;
  beforeAll(async () => {
    owner = await createUser({ name: "Script Owner" });
    ({ secret } = await callerFor(owner).apiKeys.create({ name: "script", scopes: ["profile:read", "orders:write"] }));
  });
  const bearer = () => ({ authorization: `Bearer ${secret}` });
  const errorOf = async (res: Response) =>
    ((await res.json()) as { error: { json: { data: { appCode: string } } } }).error.json.data.appCode;

  it("authenticates as the key's owner, and never logs the key", async () => {
    const logs = captureLogs();
    const res = await call("users.me", bearer());
    logs.restore();
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { json: { name: string } } } };
    expect(body.result.data.json.name).toBe("Script Owner");
    expect(logs.raw.join("\n")).not.toContain(secret.slice(3));
  });

  it("answers 403 naming the missing scope, 401 for a bad key even beside a valid cookie", async () => {
    const res = await call("catalog.categories", bearer());
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toBe("API_KEY_SCOPE_REQUIRED");
    const forged = await call("users.me", {
      authorization: `Bearer sw_${"x".repeat(43)}`,
      cookie: await sessionCookieFor(owner),
    });
    expect(forged.status).toBe(401);
    expect(await errorOf(forged)).toBe("INVALID_API_KEY");
  });

  it("lets a script write without a browser's origin (no cookie, so no CSRF check)", async () => {
    const res = await call(
      "orders.cancel",
      { ...bearer(), origin: "https://elsewhere.example", "sec-fetch-site": "cross-site" },
      { orderId: "nosuchorder" },
    );
    expect(res.status).toBe(404);
  });
});

describe("route handlers with a key", () => {
  it("refuses the assistant's chat route to a key without assistant:chat", async () => {
    const user = await createUser();
    const { secret } = await callerFor(user).apiKeys.create({ name: "catalog only", scopes: ["catalog:read"] });
    const res = await chatPost(
      new Request("http://localhost/api/chat", {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({
          id: "chatWithKey1",
          trigger: "submit-message",
          messages: [{ id: "m1", role: "user", parts: [{ type: "text", text: "How long does shipping take?" }] }],
        }),
      }),
    );
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { data: { appCode: string } } }).error.data.appCode).toBe(
      "API_KEY_SCOPE_REQUIRED",
    );
  });
});
