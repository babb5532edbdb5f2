import "server-only";
import { createProcedureCache, type OpenApiMethod, type OpenApiRouter } from "trpc-to-openapi";
import { z } from "zod";

/**
 * What the REST layer needs to know of a route before trpc-to-openapi runs it: which procedure
 * it is, and its query string typed by that procedure's input.
 *
 * Why not the library's own coercion: to turn query strings into numbers and booleans it sets
 * `coerce` on the input schemas themselves, which are the same objects tRPC validates with, so
 * after one REST call every tRPC caller would have `active: "false"` read as true and a missing
 * boolean as false. `keepInputsStrict` makes those writes no-ops, and `typedQuery` converts only
 * what a query string cannot say otherwise ("true", "false", numbers), only where the schema
 * wants a boolean or a number; anything else reaches zod as sent and fails there, by field.
 */

export type RestProcedure = NonNullable<ReturnType<ReturnType<typeof createProcedureCache>>>;
type ProcedureWithInputs = { _def: { inputs: unknown[] } };

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def | undefined => (schema as { _zod?: { def?: Def } } | null)?._zod?.def;

const COERCIBLE = new Set(["number", "boolean", "bigint", "date"]);

/** Walks every schema reachable from `schema` (shapes, wrappers, elements, unions, pipes). */
function forEachSchema(schema: unknown, visit: (def: Def) => void, seen = new Set<unknown>()) {
  const def = defOf(schema);
  if (!def || seen.has(def)) return;
  seen.add(def);
  visit(def);
  const children = [def.innerType, def.element, def.in, def.out, def.left, def.right, def.valueType];
  if (def.shape) children.push(...Object.values(def.shape as Record<string, unknown>));
  if (Array.isArray(def.options)) children.push(...(def.options as unknown[]));
  for (const child of children) forEachSchema(child, visit, seen);
}

/** Makes the library's `_def.coerce = true` a no-op on every input schema of REST procedures. */
export function keepInputsStrict(router: OpenApiRouter) {
  const procedures = router._def.procedures as Record<string, { _def: { inputs: unknown[]; meta?: object } }>;
  for (const procedure of Object.values(procedures)) {
    if (!(procedure._def.meta && "openapi" in procedure._def.meta)) continue;
    for (const input of procedure._def.inputs)
      forEachSchema(input, (def) => {
        if (COERCIBLE.has(def.type) && !Object.getOwnPropertyDescriptor(def, "coerce")?.set)
          Object.defineProperty(def, "coerce", { get: () => false, set: () => {}, configurable: false });
      });
  }
}

/**
 * The generator needs an output schema for every route. Procedures that do not declare one yet
 * (the back office, conversations, knowledge) are documented as "any JSON" with this note; the
 * runtime is unchanged (tRPC validates outputs in a middleware, not from `_def.output`).
 */
const UNDESCRIBED_OUTPUT = z.unknown().meta({
  description: "The procedure's result as JSON; not yet described field by field (dates as ISO-8601 strings).",
});

export function describeUndeclaredOutputs(router: OpenApiRouter) {
  const procedures = router._def.procedures as Record<string, { _def: { output?: unknown; meta?: object } }>;
  for (const procedure of Object.values(procedures))
    if (procedure._def.meta && "openapi" in procedure._def.meta) procedure._def.output ??= UNDESCRIBED_OUTPUT;
}

/** The kind a field's value has once optional / nullable / default wrappers are peeled off. */
function leafKind(schema: unknown): { kind: string; array: boolean } {
  let def = defOf(schema);
  let array = false;
  while (def && ["optional", "nullable", "default", "prefault", "array"].includes(def.type)) {
    if (def.type === "array") array = true;
    def = defOf(def.type === "array" ? def.element : def.innerType);
  }
  return { kind: def?.type ?? "unknown", array };
}

const NUMBER = /^-?\d+(\.\d+)?$/;

function typed(kind: string, value: string): unknown {
  if (kind === "boolean" && (value === "true" || value === "false")) return value === "true";
  if (kind === "number" && NUMBER.test(value)) return Number(value);
  return value;
}

/**
 * The query string as the procedure's input wants it. Each value is wrapped in a one-element
 * array because the library drops falsy values (`false`, `0`) it is handed and unwraps these.
 */
export function typedQuery(procedure: RestProcedure, url: URL): Record<string, unknown[]> {
  const input = (procedure.procedure?.procedure as ProcedureWithInputs | undefined)?._def.inputs[0] as
    z.ZodObject | undefined;
  const shape = (defOf(input)?.shape ?? {}) as Record<string, unknown>;
  const query: Record<string, unknown[]> = Object.create(null);
  for (const key of new Set(url.searchParams.keys())) {
    const { kind, array } = leafKind(shape[key]);
    const values = url.searchParams.getAll(key).map((v) => typed(kind, v));
    query[key] = array || values.length > 1 ? [values] : values;
  }
  return query;
}

export function restProcedureLookup(router: OpenApiRouter) {
  const find = createProcedureCache(router);
  return (method: string, path: string) => find(method as OpenApiMethod, path);
}
