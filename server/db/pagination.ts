import { ValidationError } from "../errors";

interface CursorInput {
  cursor?: string | null;
  limit: number;
}

/**
 * The `findMany` arguments of one page after `cursor` (an id): the cursor's own row is fetched
 * too (no `skip`), plus one row past the page to tell whether there is more. Seeing the cursor's
 * row is how `cursorPage` tells "nothing after it" from "no such row".
 */
export function afterCursor(input: CursorInput): { take: number; cursor?: { id: string } } {
  return input.cursor ? { take: input.limit + 2, cursor: { id: input.cursor } } : { take: input.limit + 1 };
}

/**
 * One page of a forward-only cursor list (rows ordered, ending with id as tie-break, fetched with
 * `afterCursor`); the next cursor is the last row's id. A cursor whose row does not exist (made
 * up, or deleted since) gives no rows at all: the caller is told to start over rather than shown
 * an empty page that looks like the end of the list.
 */
export function cursorPage<T extends { id: string }>(rows: T[], input: CursorInput) {
  if (input.cursor && rows.length === 0)
    throw new ValidationError(
      "INVALID_CURSOR",
      "This page link is no longer valid; start from the first page.",
      "cursor",
    );
  // The cursor's row leads unless the list's filter excludes it (then the rows are those after it).
  const after = input.cursor && rows[0]?.id === input.cursor ? rows.slice(1) : rows;
  const hasMore = after.length > input.limit;
  const items = after.slice(0, input.limit);
  return { items, nextCursor: hasMore ? items.at(-1)!.id : null };
}
