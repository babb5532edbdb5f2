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
      value !== null && typeof value === "object" && plainBodies.has(value)
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
