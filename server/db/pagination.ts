import { ValidationError } from "../errors";

interface CursorInput {
  cursor?: string | null;
  limit: number;
}

/**
 * One page of a forward-only cursor list: callers fetch `limit + 1` rows (ordered, ending with
 * id as tie-break) and this keeps `limit` of them, the next cursor being the last row's id. A
 * cursor this list issued always has a row after it (a cursor is only handed out when there is
 * more), so a cursor followed by nothing was made up or names a row that is gone: the caller is
 * told to start over instead of getting an empty page that looks like the end of the list.
 */
export function cursorPage<T extends { id: string }>(rows: T[], input: CursorInput) {
  if (input.cursor && rows.length === 0)
    throw new ValidationError(
      "INVALID_CURSOR",
      "This page link is no longer valid; start from the first page.",
      "cursor",
    );
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: hasMore ? items.at(-1)!.id : null };
}

/** The `findMany` arguments that start after `cursor` (an id) and fetch one row too many. */
export function afterCursor(input: CursorInput) {
  return { take: input.limit + 1, ...(input.cursor && { cursor: { id: input.cursor }, skip: 1 }) };
}
