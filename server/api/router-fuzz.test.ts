import { once } from "node:events";
import { createServer } from "node:http";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reloadEnv } from "../env";
import { createUser, sessionCookieFor } from "../test/factories";
import { casesFor, proceduresOf, type Case, type Procedure } from "../test/fuzz-cases";
import { createTrpcNodeHandler, handleTrpcFetch } from "./http";
import { appRouter } from "./root";

/**
 * Every procedure, found from the router (a new one is covered without editing this file), as
 * anonymous, customer and admin, over both transports, fed inputs that are invalid by
 * construction (server/test/fuzz-cases.ts): wrong types, missing and extra keys (mass
 * assignment, prototype names), NUL and lone surrogates, 1 MB strings, NaN / ±Infinity / ±1e308,
 * out-of-range dates, tampered and forged cursors, hostile superjson meta, deep nesting, nested
 * fields. It must never answer 5xx, never 2xx, and every 400 must name the field it is about.
 */

const procedures = proceduresOf(appRouter);

// Thousands of calls per actor within a minute, far past any real caller: the rate limits would
// answer 429 before validation ran, so they are raised here (and a 429 fails the run below).
for (const setting of ["RATE_LIMIT_READS", "RATE_LIMIT_WRITES", "RATE_LIMIT_CHECKOUT", "RATE_LIMIT_ASSISTANT"])
  process.env[setting] = "1000000/60";
reloadEnv();

type Actor = "anonymous" | "customer" | "admin";
const cookies: Record<Actor, string | undefined> = { anonymous: undefined, customer: undefined, admin: undefined };

const nodeServer = createServer(createTrpcNodeHandler());
let nodeBase = "";
beforeAll(async () => {
  cookies.customer = await sessionCookieFor(await createUser());
  cookies.admin = await sessionCookieFor(await createUser({ role: "ADMIN" }));
  nodeServer.listen(0, "127.0.0.1");
  await once(nodeServer, "listening");
  nodeBase = `http://127.0.0.1:${(nodeServer.address() as { port: number }).port}`;
});
afterAll(() => nodeServer.close());

type Transport = (url: string, init: RequestInit) => Promise<Response>;
const transports: [string, Transport][] = [
  ["next route handler", (url, init) => handleTrpcFetch(new Request(`http://localhost${url}`, init))],
  ["node fast path", (url, init) => fetch(`${nodeBase}${url}`, init)],
];

async function call(transport: Transport, procedure: Procedure, actor: Actor, c: Case) {
  const body = c.raw ?? JSON.stringify(superjson.serialize(c.input));
  const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": "198.51.100.7" };
  if (cookies[actor]) headers.cookie = cookies[actor];
  const path = `/api/trpc/${procedure.path}`;
  const response =
    procedure.type === "mutation"
      ? await transport(path, { method: "POST", headers, body })
      : await transport(`${path}?input=${encodeURIComponent(body)}`, { headers });
  // An accepted subscription is an event stream that never ends: its status says enough.
  if (procedure.type === "subscription" && response.ok) {
    await response.body?.cancel();
    return { status: response.status, text: "(event stream)" };
  }
  return { status: response.status, text: await response.text() };
}

function fieldErrorsIn(text: string): object | null {
  return (JSON.parse(text) as { error: { json: { data: { fieldErrors: object | null } } } }).error.json.data
    .fieldErrors;
}

describe("router-wide fuzz: invalid input never gets 5xx or 2xx, and 400s name their field", () => {
  it("finds the procedures from the router", () => {
    expect(procedures.length).toBeGreaterThan(40);
  });

  for (const [transportName, transport] of transports)
    for (const actor of ["anonymous", "customer", "admin"] as const)
      it(`as ${actor} over the ${transportName}`, { timeout: 300_000 }, async () => {
        const failures: string[] = [];
        // Proof the actor got past authentication: its own procedures reached validation.
        let validatedAsActor = 0;
        const ownPrefix = { anonymous: "catalog.", customer: "orders.", admin: "admin." }[actor];
        for (const procedure of procedures) {
          // A mutation without input would run for real: only a visitor calls those here.
          if (!procedure.input && procedure.type === "mutation" && actor !== "anonymous") continue;
          for (const c of casesFor(procedure)) {
            const { status, text } = await call(transport, procedure, actor, c);
            const where = `${actor} ${procedure.path} [${c.label}] → ${status}`;
            if (status === 400 && procedure.path.startsWith(ownPrefix)) validatedAsActor++;
            if (status >= 500 || status === 429) failures.push(`${where}: ${text.slice(0, 200)}`);
            else if (status < 300 && procedure.input && !c.mayPass) failures.push(`${where}: accepted invalid input`);
            else if (status === 400 && !c.mayPass) {
              const fieldErrors = fieldErrorsIn(text);
              if (!fieldErrors || (c.field && !Object.hasOwn(fieldErrors, c.field)))
                failures.push(`${where}: does not name ${c.field ?? "a field"} (${text.slice(0, 160)})`);
            }
          }
        }
        expect(failures).toEqual([]);
        expect(validatedAsActor).toBeGreaterThan(20);
      });

  it("refuses oversized batches on GET and POST", async () => {
    const queries = procedures.filter((p) => p.type === "query").map((p) => p.path);
    const many = Array.from({ length: 120 }, (_, i) => queries[i % queries.length]).join(",");
    const get = await handleTrpcFetch(new Request(`http://localhost/api/trpc/${many}?batch=1&input={}`));
    expect(get.status).toBe(400);
    const mutations = Array.from({ length: 400 }, () => "auth.signUp").join(",");
    const post = await handleTrpcFetch(
      new Request(`http://localhost/api/trpc/${mutations}?batch=1`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(post.status).toBe(400);
  });
});
