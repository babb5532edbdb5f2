import superjson from "superjson";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { createUser, sessionCookieFor } from "../test/factories";
import { handleTrpcFetch } from "./http";
import { appRouter } from "./root";

/**
 * Every procedure, found from the router (a new one is covered without editing this file), as
 * anonymous, customer and admin, fed inputs that are invalid by construction: wrong types,
 * missing and extra keys (mass assignment, prototype names), NUL and lone surrogates, 1 MB
 * strings, NaN / ±Infinity / ±1e308, tampered cursors, deep nesting. It must never answer 5xx,
 * never 2xx, and every validation error (400) must name the field it is about.
 */

type Schema = z.core.$ZodType;
type Kind = "string" | "number" | "boolean" | "enum" | "array" | "object" | "other";
interface Procedure {
  path: string;
  type: "query" | "mutation" | "subscription";
  input: Schema | undefined;
}

const procedures: Procedure[] = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: Procedure["type"]; inputs: Schema[] } }>,
).map(([path, p]) => ({ path, type: p._def.type, input: p._def.inputs[0] }));

/** The schema under optional / nullable / default / pipe wrappers. */
function unwrap(schema: Schema): Schema {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    const def = current._zod.def as { type: string; innerType?: Schema; in?: Schema };
    if (def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else break;
  }
  return current;
}

function kindOf(schema: Schema): Kind {
  const type = unwrap(schema)._zod.def.type;
  return (["string", "number", "boolean", "enum", "array", "object"] as const).find((k) => k === type) ?? "other";
}

interface Field {
  name: string;
  kind: Kind;
  required: boolean;
  schema: Schema;
}

/** The input object's fields, or none for a non-object input. */
function fieldsOf(input: Schema): Field[] {
  const def = unwrap(input)._zod.def as { type: string; shape?: Record<string, Schema> };
  if (def.type !== "object" || !def.shape) return [];
  return Object.entries(def.shape).map(([name, schema]) => ({
    name,
    kind: kindOf(schema),
    // Required: leaving it out is an error (a default or optional field fills itself in).
    required: !(schema as z.ZodType).safeParse(undefined).success,
    schema,
  }));
}

/**
 * Plausible values for the required fields, so that in each case below the one field it breaks
 * is the only thing wrong (a required id gets an id no row has: the call may then be 404).
 */
function baseInputOf(fields: Field[]): Record<string, unknown> {
  const plausible = (field: Field): unknown => {
    const def = unwrap(field.schema)._zod.def as { type: string; entries?: Record<string, string> };
    if (def.type === "enum") return Object.values(def.entries ?? {})[0];
    return { string: "fuzzbase0id", number: 1, boolean: false, array: [] }[field.kind as "string"];
  };
  return Object.fromEntries(fields.filter((f) => f.required).map((f) => [f.name, plausible(f)]));
}

const MEGABYTE = "x".repeat(1024 * 1024);
const nested = (depth: number): unknown => (depth === 0 ? "leaf" : { a: nested(depth - 1) });

/** Values no field of that kind accepts. */
const invalidValuesFor: Record<Kind, unknown[]> = {
  string: [12345, { $gt: "" }, ["a"], "a\u0000b", "a\ud800b", "\udc00", MEGABYTE],
  number: ["12", NaN, Infinity, -Infinity, 1e308, -1e308, { $gt: 0 }],
  boolean: ["true", 1, {}],
  enum: ["NOT_A_VALUE", 7, "a\u0000b"],
  array: ["not an array", Array.from({ length: 10_001 }, () => "x"), [{ $gt: "" }]],
  object: ["not an object", 42, nested(40)],
  other: [{ $gt: "" }, "a\u0000b"],
};

/** Whole inputs that are wrong whatever the procedure takes. */
const invalidWholeInputs: [string, unknown][] = [
  ["a string", "text"],
  ["a number", 42],
  ["an array", []],
  ["null", null],
  ["deep nesting", nested(200)],
];
const EXTRA_KEYS = ["role", "userId", "price", "stock", "ownerId", "constructor", "toString", "hasOwnProperty"];

interface Case {
  label: string;
  /** The input as superjson would send it, or a raw JSON text (for keys superjson cannot write). */
  input?: unknown;
  raw?: string;
  /** The field a 400 must name. */
  field?: string;
}

function casesFor(procedure: Procedure): Case[] {
  if (!procedure.input) return invalidWholeInputs.map(([label, input]) => ({ label, input }));
  const fields = fieldsOf(procedure.input);
  const cases: Case[] = invalidWholeInputs.map(([label, input]) => ({ label, input }));
  if (!fields.length) return cases;
  const base = baseInputOf(fields);
  const raw = (extra: string) => `{"json":{${[JSON.stringify(base).slice(1, -1), extra].filter(Boolean).join(",")}}}`;
  for (const key of EXTRA_KEYS.filter((k) => !fields.some((f) => f.name === k)))
    cases.push({ label: `extra key ${key}`, raw: raw(`${JSON.stringify(key)}:"ADMIN"`), field: key });
  cases.push({ label: "extra key __proto__", raw: raw('"__proto__":{"role":"ADMIN"}'), field: "__proto__" });
  for (const field of fields) {
    if (field.required)
      cases.push({ label: `missing ${field.name}`, input: { ...base, [field.name]: undefined }, field: field.name });
    for (const [index, value] of invalidValuesFor[field.kind].entries())
      cases.push({
        label: `${field.name} (${field.kind}) #${index}`,
        input: { ...base, [field.name]: value },
        field: field.name,
      });
  }
  if (fields.some((f) => f.name === "cursor"))
    for (const cursor of ["tampered!!", "eyJpZCI6IjEiLCJ4Ijp7fX0", "a".repeat(600)])
      cases.push({ label: `tampered cursor ${cursor.slice(0, 12)}`, input: { ...base, cursor }, field: "cursor" });
  return cases;
}

type Actor = "anonymous" | "customer" | "admin";
const cookies: Record<Actor, string | undefined> = { anonymous: undefined, customer: undefined, admin: undefined };
beforeAll(async () => {
  cookies.customer = await sessionCookieFor(await createUser());
  cookies.admin = await sessionCookieFor(await createUser({ role: "ADMIN" }));
});

async function call(procedure: Procedure, actor: Actor, c: Case) {
  const body = c.raw ?? JSON.stringify(superjson.serialize(c.input));
  const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": "198.51.100.7" };
  if (cookies[actor]) headers.cookie = cookies[actor];
  const url = `http://localhost/api/trpc/${procedure.path}`;
  const request =
    procedure.type === "mutation"
      ? new Request(url, { method: "POST", headers, body })
      : new Request(`${url}?input=${encodeURIComponent(body)}`, { headers });
  const response = await handleTrpcFetch(request);
  const text = await response.text();
  return { status: response.status, text };
}

describe("router-wide fuzz: invalid input never gets 5xx or 2xx, and 400s name their field", () => {
  it("finds the procedures from the router", () => {
    expect(procedures.length).toBeGreaterThan(40);
    // Without a declared input a procedure ignores what it is sent, so every one with input declares it.
    expect(procedures.filter((p) => p.type !== "subscription").length).toBe(procedures.length);
  });

  for (const actor of ["anonymous", "customer", "admin"] as const)
    it(`as ${actor}`, { timeout: 180_000 }, async () => {
      const failures: string[] = [];
      // Proof the actor got past authentication: its own procedures reached validation.
      let validatedAsActor = 0;
      const ownPrefix = { anonymous: "catalog.", customer: "orders.", admin: "admin." }[actor];
      for (const procedure of procedures) {
        // A mutation without input would run for real: only a visitor calls those here.
        if (!procedure.input && procedure.type === "mutation" && actor !== "anonymous") continue;
        for (const c of casesFor(procedure)) {
          const { status, text } = await call(procedure, actor, c);
          const where = `${actor} ${procedure.path} [${c.label}] → ${status}`;
          if (status === 400 && procedure.path.startsWith(ownPrefix)) validatedAsActor++;
          if (status >= 500) failures.push(`${where}: ${text.slice(0, 200)}`);
          else if (status < 300 && procedure.input) failures.push(`${where}: accepted invalid input`);
          else if (status === 400 && c.field) {
            const data = (JSON.parse(text) as { error: { json: { data: { fieldErrors: object | null } } } }).error.json
              .data;
            if (!data.fieldErrors || !Object.hasOwn(data.fieldErrors, c.field))
              failures.push(`${where}: does not name ${c.field} (${JSON.stringify(data.fieldErrors)?.slice(0, 160)})`);
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
