import { z } from "zod";

/**
 * The input vocabulary every schema is built from: ids, text, slugs, money, search queries and
 * cursor/page inputs. Every string input derives from `text()`, so none can forget what
 * PostgreSQL refuses: a NUL byte in a text parameter fails the statement (error 22021, which
 * reached callers as a 500), and a lone UTF-16 surrogate has no UTF-8 form (the driver would
 * silently store U+FFFD instead of what was sent). Both are a field error naming the field.
 *
 * Plain zod only: client components import schemas built from this file.
 */

// C0 controls except tab, line feed and carriage return, and DEL: nobody types them, and NUL
// breaks the statement.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const CONTROL_CHARACTERS_MESSAGE = "Must not contain control characters.";
export const BROKEN_CHARACTERS_MESSAGE = "Must not contain broken characters (half of an emoji or symbol).";

/** Whether `value` may be stored as PostgreSQL text as it is (no control characters, no lone surrogates). */
export const isSafeText = (value: string) => !CONTROL_CHARACTER.test(value) && value.isWellFormed();

const atMost = (max: number) => `Use at most ${max.toLocaleString("en-US")} characters.`;

/**
 * The base of every string input: trimmed (unless `trim: false`, for passwords), at most `max`
 * characters, no control characters, no lone surrogates. Chain `.min()`, `.regex()` and the
 * like for more; the result is still a zod string.
 */
export function text(options: { max: number; trim?: boolean }) {
  const base = options.trim === false ? z.string() : z.string().trim();
  return base
    .max(options.max, { error: atMost(options.max) })
    .refine((value) => !CONTROL_CHARACTER.test(value), { error: CONTROL_CHARACTERS_MESSAGE })
    .refine((value) => value.isWellFormed(), { error: BROKEN_CHARACTERS_MESSAGE });
}

/** Ids are cuids (letters and digits); `-` and `_` leave room for other generated keys. */
const ID_CHARACTERS = /^[A-Za-z0-9_-]*$/;

/** The id of a row; `missing` is what an empty one says (a form's "Choose a category."). */
export function id(options: { missing?: string } = {}) {
  return text({ max: 40 })
    .min(1, { error: options.missing ?? "Enter an id." })
    .regex(ID_CHARACTERS, { error: "Not a valid id." });
}

/** The one id input: a row's primary key. */
export const idInput = id();

/** What a shopper or staff member types into a search box. */
export const searchQueryInput = text({ max: 100 });

/** A URL segment: lower-case letters, digits and single hyphens. */
export const slugInput = text({ max: 180 })
  .toLowerCase()
  .min(1, { error: "Enter a slug." })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "Use lower-case letters, digits and single hyphens." });

/** A price a person typed: "12", "12.5" or "12.50"; at most 99,999,999.99. On the wire: "12.50". */
export const moneyInput = text({ max: 20 })
  .regex(/^\d{1,8}(\.\d{1,2})?$/, { error: "Enter an amount like 12.50 (no currency sign)." })
  .transform((value) => Number.parseFloat(value).toFixed(2));

/** The range a timestamp input may fall in: PostgreSQL refuses years past its own (error 22008). */
const EARLIEST_TIME = Date.UTC(1970, 0, 1);
const LATEST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const TIME_RANGE_MESSAGE = "Enter a date between 1970 and 9999.";

/** Whether a parsed time (ms) lies in the range PostgreSQL and people both take. */
export const isTimeInRange = (ms: number) => ms >= EARLIEST_TIME && ms <= LATEST_TIME;

/** A moment: a Date, or an ISO-8601 date-time or date string; between 1970 and 9999. */
export const timestampInput = z
  .union([z.date(), z.iso.datetime({ offset: true }), z.iso.date()], { error: "Enter a date and time (ISO 8601)." })
  .pipe(z.coerce.date())
  .refine((date) => isTimeInRange(date.getTime()), { error: TIME_RANGE_MESSAGE });

export const INVALID_CURSOR_MESSAGE = "This page link is no longer valid; start from the first page.";

/** A page cursor as a list issued it: a row id, or an opaque base64url token. */
export const cursorInput = text({ max: 500 })
  .min(1, { error: INVALID_CURSOR_MESSAGE })
  .regex(/^[A-Za-z0-9_-]*$/, { error: INVALID_CURSOR_MESSAGE });

/**
 * Input of a cursor-paginated list. `cursor` and `direction` are what tRPC's
 * `useInfiniteQuery` adds to the input it is given; lists page forward only.
 */
export function cursorPageInput(options: { defaultLimit: number; maxLimit: number }) {
  return z.strictObject({
    cursor: cursorInput.nullish(),
    direction: z.enum(["forward", "backward"]).optional(),
    limit: z.number().int().min(1).max(options.maxLimit).default(options.defaultLimit),
  });
}

/** The page of a numbered (back-office) table. */
export const pageInput = z.number().int().min(1).max(100_000).default(1);

export const sortDirectionInput = z.enum(["asc", "desc"]).default("desc");

/** JSON nested deeper than this is refused (no honest client message comes near it). */
export const MAX_JSON_DEPTH = 32;

/**
 * Visits every value of a JSON tree with its path, without recursion, so a hostile nesting cannot
 * overflow the stack. `visit` returns "stop" to end the walk.
 */
export function walkJson(root: unknown, visit: (value: unknown, path: PropertyKey[]) => "stop" | void) {
  const pending: { value: unknown; path: PropertyKey[] }[] = [{ value: root, path: [] }];
  while (pending.length) {
    const { value, path } = pending.pop()!;
    if (visit(value, path) === "stop") return;
    if (typeof value !== "object" || value === null) continue;
    for (const [key, child] of Object.entries(value))
      pending.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] });
  }
}

/**
 * Any JSON value (a chat message's parts, say) whose every string and key is safe text and
 * whose nesting is bounded; the issue's path leads to the offending value.
 */
export const jsonInput = z.unknown().superRefine((root, ctx) =>
  walkJson(root, (value, path) => {
    const refuse = (message: string) => (ctx.addIssue({ code: "custom", path, message }), "stop" as const);
    if (typeof value === "string") return isSafeText(value) ? undefined : refuse(unsafeMessage(value));
    if (typeof value !== "object" || value === null) return;
    if (path.length >= MAX_JSON_DEPTH) return refuse("Nested too deeply.");
    const unsafeKey = Object.keys(value).find((key) => !isSafeText(key));
    return unsafeKey === undefined ? undefined : refuse(unsafeMessage(unsafeKey));
  }),
);

const unsafeMessage = (value: string) =>
  CONTROL_CHARACTER.test(value) ? CONTROL_CHARACTERS_MESSAGE : BROKEN_CHARACTERS_MESSAGE;

// ── Output vocabulary ────────────────────────────────────────────────────────────────────────
// What procedures answer with, for their `.output()` and the OpenAPI document (/api/v1/openapi.json).
// Outputs come from our own database, so these check the type only.

/** A string the server sends (an id, a name, a description). */
export const textOutput = z.string();
/** Money on the wire: a 2-decimal string. */
export const moneyOutput = z.string().meta({ description: "A 2-decimal amount", examples: ["19.90"] });
/** A time: a Date for tRPC clients (superjson), a UTC ISO-8601 string in REST responses. */
export const timeOutput = z.date().meta({ format: "date-time", description: "UTC ISO-8601 timestamp" });
/** The cursor of the next page, null on the last one. */
export const nextCursorOutput = z.string().nullable();
