import type { z } from "zod";
import { freezeShared } from "../cache";

/**
 * Cached reads answer with the same object until the cache lets it go (server/cache.ts), and
 * checking and writing that object again on every call was a quarter of a cached list's CPU: zod's
 * walk of 20 products 13 %, JSON.stringify and the plain-JSON walk 13 % (ADR 037). Cached values
 * are never changed in place, so the result remembered for one is what a new check or a new
 * write would give.
 */

/** The answers cachedOutput remembered, with their response JSON once it is written. */
const answers = new WeakMap<object, string | undefined>();

/**
 * The output schema of a procedure that answers from the cache: from a value's second answer on,
 * its check is remembered for as long as the value lives. Not from the first: most search results
 * are answered once, and remembering those would only hold a copy of each. Any other value (a
 * fresh object, null) is checked as usual.
 */
export function cachedOutput<S extends z.ZodType>(schema: S): S {
  // A value answered once maps to undefined; from its second answer on, to its remembered check.
  const checked = new WeakMap<object, Promise<z.output<S>> | undefined>();
  const remembering = schema.clone() as S;
  // tRPC checks outputs with parseAsync when a schema has one.
  remembering.parseAsync = (value: unknown): Promise<z.output<S>> => {
    if (value === null || typeof value !== "object") return schema.parseAsync(value);
    if (!checked.has(value)) {
      checked.set(value, undefined);
      return schema.parseAsync(value);
    }
    let result = checked.get(value);
    if (!result) {
      result = schema.parseAsync(value).then((answer) => {
        if (answer !== null && typeof answer === "object") answers.set(answer, undefined);
        freezeShared(answer);
        return answer;
      });
      checked.set(value, result);
      // A value that fails is checked again next time (and fails again, with its own error).
      result.catch(() => checked.set(value, undefined));
    }
    return result;
  };
  return remembering;
}

/** A response body's JSON (`write` makes it): written once per answer cachedOutput remembered. */
export function answerJson(data: unknown, write: () => string): string {
  if (data === null || typeof data !== "object" || !answers.has(data)) return write();
  let json = answers.get(data);
  if (json === undefined) answers.set(data, (json = write()));
  return json;
}
