import superjson from "superjson";
import { ZodRealError, type ZodError } from "zod";
import { ValidationError } from "../errors";
import { MAX_JSON_DEPTH, walkJson } from "../inputs";

/**
 * The server's tRPC transformer: superjson, hardened at both ends.
 *
 * - In: superjson silently drops a key named `__proto__` (and refuses `constructor` /
 *   `prototype` once meta is involved), so such a key, and nesting deeper than any input of ours,
 *   is refused first as a field error naming the key, like any other key the input does not take.
 * - Out: error bodies travel as the plain JSON they are. superjson refuses to serialise an object
 *   with those key names, and a field error must be able to name exactly such a key. `{ json }`
 *   with no `meta` is valid superjson, so clients decode it with plain superjson.
 */

const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function refuseHostileShape(payload: unknown) {
  const issues: ZodError["issues"] = [];
  walkJson(payload, (value, path) => {
    if (value === null || typeof value !== "object") return;
    // The input sits under superjson's `json`, one level down: it may nest MAX_JSON_DEPTH below that.
    // Deeper is refused here, which also keeps superjson's recursive walk off a hostile stack.
    if (path.length > MAX_JSON_DEPTH)
      throw new ValidationError(
        "INPUT_TOO_DEEP",
        `Input may be nested at most ${MAX_JSON_DEPTH} levels deep.`,
        "input",
      );
    const reserved = Object.keys(value).filter((key) => RESERVED_KEYS.has(key));
    // Paths as the input schema sees them: superjson's envelope puts the input under `json`.
    const inputPath = path[0] === "json" ? path.slice(1) : path;
    if (reserved.length)
      issues.push({ code: "unrecognized_keys", keys: reserved, path: inputPath, message: "Unrecognized key" });
  });
  // ZodRealError: zod 4's ZodError is not an Error, and tRPC keeps only Errors as a cause.
  if (issues.length) throw new ZodRealError(issues);
}

const plainBodies = new WeakSet<object>();

/**
 * True when superjson would write `value` as `{ json: value }`: only strings, booleans, finite
 * numbers (not -0), null, arrays and plain objects, each object once (superjson records repeats),
 * no reserved keys. Checking this is a tenth of superjson's own walk, which was 30 % of a cached
 * product list's cost (ADR 030); anything else goes through superjson.
 */
function isPlainJson(value: unknown, seen: Set<object>): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object": {
      if (value === null) return true;
      if (seen.has(value)) return false;
      seen.add(value);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!(i in value) || !isPlainJson(value[i], seen)) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key in value)
        if (RESERVED_KEYS.has(key) || !isPlainJson((value as Record<string, unknown>)[key], seen)) return false;
      return true;
    }
    default:
      return false;
  }
}

export const serverTransformer = {
  input: {
    serialize: superjson.serialize,
    deserialize: (payload: unknown) => {
      refuseHostileShape(payload);
      try {
        return superjson.deserialize(payload as Parameters<typeof superjson.deserialize>[0]);
      } catch {
        // A `meta` our client never writes (unknown types, values that do not convert).
        throw new ValidationError(
          "INPUT_UNREADABLE",
          "We could not read this request; reload the page and try again.",
          "input",
        );
      }
    },
  },
  output: {
    serialize: (value: unknown) =>
      (value !== null && typeof value === "object" && plainBodies.has(value)) || isPlainJson(value, new Set())
        ? { json: value }
        : superjson.serialize(value),
    deserialize: superjson.deserialize,
  },
};

/** Marks a body built only of JSON values (strings, numbers, null, arrays, objects) to travel as is. */
export function plainJsonBody<T extends object>(body: T): T {
  plainBodies.add(body);
  return body;
}
