import type { z } from "zod";
import type { appRouter } from "../api/root";

/**
 * Invalid inputs by construction for every procedure of a router, derived from its zod input
 * schemas: the router-wide fuzz test (server/api/router-fuzz.test.ts) sends each of them.
 */

type Schema = z.core.$ZodType;
type Kind = "string" | "number" | "boolean" | "enum" | "date" | "array" | "object" | "other";

export interface Procedure {
  path: string;
  type: "query" | "mutation" | "subscription";
  input: Schema | undefined;
}

export interface Case {
  label: string;
  /** The input as superjson sends it, or a raw JSON text (keys and meta superjson would not write). */
  input?: unknown;
  raw?: string;
  /** The field a 400 must name. */
  field?: string;
  /** Well-formed, only implausible (a forged but valid-looking cursor): any non-5xx answer will do. */
  mayPass?: boolean;
}

export function proceduresOf(router: typeof appRouter): Procedure[] {
  const record = router._def.procedures as unknown as Record<
    string,
    { _def: { type: Procedure["type"]; inputs: Schema[] } }
  >;
  return Object.entries(record).map(([path, p]) => ({ path, type: p._def.type, input: p._def.inputs[0] }));
}

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
  const def = unwrap(schema)._zod.def as { type: string; options?: Schema[] };
  if (def.type === "union" && def.options?.some((o) => unwrap(o)._zod.def.type === "date")) return "date";
  const kinds = ["string", "number", "boolean", "enum", "date", "array", "object"] as const;
  return kinds.find((k) => k === def.type) ?? "other";
}

interface Field {
  name: string;
  kind: Kind;
  required: boolean;
  schema: Schema;
}

/** An object schema's fields (also an array's element object), or none. */
function fieldsOf(schema: Schema): Field[] {
  let def = unwrap(schema)._zod.def as { type: string; shape?: Record<string, Schema>; element?: Schema };
  if (def.type === "array" && def.element) def = unwrap(def.element)._zod.def as typeof def;
  if (def.type !== "object" || !def.shape) return [];
  return Object.entries(def.shape).map(([name, field]) => ({
    name,
    kind: kindOf(field),
    // Required: leaving it out is an error (a default or an optional field fills itself in).
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: field,
  }));
}

/**
 * Plausible values for the required fields, so that in each case the one field it breaks is the
 * only thing wrong (a required id gets an id no row has: the call may then be 404).
 */
function baseInputOf(fields: Field[]): Record<string, unknown> {
  const plausible = (field: Field): unknown => {
    const def = unwrap(field.schema)._zod.def as { type: string; entries?: Record<string, string> };
    if (def.type === "enum") return Object.values(def.entries ?? {})[0];
    if (field.kind === "array") {
      const element = fieldsOf(field.schema);
      return element.length ? [baseInputOf(element)] : [];
    }
    return { string: "fuzzbase0id", number: 1, boolean: false, date: new Date(), object: {} }[field.kind as "string"];
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
  date: ["0000-01-01T00:00:00Z", "-271821-04-20T00:00:00Z", new Date(-8.64e15), "yesterday", true, 1e308],
  array: ["not an array", Array.from({ length: 10_001 }, () => "x"), [{ $gt: "" }]],
  object: ["not an object", 42, nested(40)],
  other: [{ $gt: "" }, "a\u0000b"],
};

const invalidWholeInputs: [string, unknown][] = [
  ["a string", "text"],
  ["a number", 42],
  ["an array", []],
  ["null", null],
  ["deep nesting", nested(200)],
];
const EXTRA_KEYS = ["role", "userId", "price", "stock", "ownerId", "constructor", "toString", "hasOwnProperty"];

/** superjson meta our client never writes: unknown types, values that do not convert, junk. */
const hostileMeta = [
  (f: string) => ({ values: { [f]: ["custom", "nope"] } }),
  (f: string) => ({ values: { [f]: ["bigint"] } }),
  () => ({ values: [1, 2] }),
  (f: string) => ({ values: { [f]: ["class", "Object"] } }),
];

/** A forged cursor that is well-formed: it may page from anywhere, but never fail as a 500. */
const forgedCursor = (v: unknown) => Buffer.from(JSON.stringify({ v, id: "abc" })).toString("base64url");
const FORGED_CURSORS = [forgedCursor("0000-01-01T00:00:00Z"), forgedCursor(1e308), forgedCursor("99999999.99")];

export function casesFor(procedure: Procedure): Case[] {
  const cases: Case[] = invalidWholeInputs.map(([label, input]) => ({ label, input }));
  const fields = procedure.input ? fieldsOf(procedure.input) : [];
  if (!fields.length) return cases;
  const base = baseInputOf(fields);
  const rawWith = (extra: string) =>
    `{"json":{${[JSON.stringify(base).slice(1, -1), extra].filter(Boolean).join(",")}}}`;
  for (const key of EXTRA_KEYS.filter((k) => !fields.some((f) => f.name === k)))
    cases.push({ label: `extra key ${key}`, raw: rawWith(`${JSON.stringify(key)}:"ADMIN"`), field: key });
  cases.push({ label: "extra key __proto__", raw: rawWith('"__proto__":{"role":"ADMIN"}'), field: "__proto__" });
  for (const [index, meta] of hostileMeta.entries())
    cases.push({ label: `hostile meta #${index}`, raw: JSON.stringify({ json: base, meta: meta(fields[0]!.name) }) });
  for (const field of fields) {
    const name = field.name;
    if (field.required) cases.push({ label: `missing ${name}`, input: { ...base, [name]: undefined }, field: name });
    for (const [index, value] of invalidValuesFor[field.kind].entries())
      cases.push({ label: `${name} (${field.kind}) #${index}`, input: { ...base, [name]: value }, field: name });
    // One level down: each field of an array's element object, broken in turn.
    const inner = field.kind === "array" || field.kind === "object" ? fieldsOf(field.schema) : [];
    const innerBase = baseInputOf(inner);
    for (const sub of inner)
      for (const [index, value] of invalidValuesFor[sub.kind].slice(0, 4).entries()) {
        const element = { ...innerBase, [sub.name]: value };
        const input = { ...base, [name]: field.kind === "array" ? [element] : element };
        cases.push({ label: `${name}.${sub.name} (${sub.kind}) #${index}`, input, field: name });
      }
  }
  if (fields.some((f) => f.name === "cursor")) {
    for (const cursor of ["tampered!!", "eyJpZCI6IjEiLCJ4Ijp7fX0", "a".repeat(600)])
      cases.push({ label: `tampered cursor ${cursor.slice(0, 12)}`, input: { ...base, cursor }, field: "cursor" });
    const sorts = fields.find((f) => f.name === "sort");
    const sortValues = sorts
      ? Object.values((unwrap(sorts.schema)._zod.def as { entries?: object }).entries ?? {})
      : [];
    for (const sort of sortValues.length ? sortValues : [undefined])
      for (const cursor of FORGED_CURSORS)
        cases.push({ label: `forged cursor ${String(sort)}`, input: { ...base, sort, cursor }, mayPass: true });
  }
  return cases;
}
