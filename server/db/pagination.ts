/**
 * One page of a forward-only cursor list: callers fetch `limit + 1` rows (ordered, ending with
 * id as tie-break) and this keeps `limit` of them, the next cursor being the last row's id.
 */
export function cursorPage<T extends { id: string }>(rows: T[], limit: number) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  return { items, nextCursor: hasMore ? items.at(-1)!.id : null };
}

/** The `findMany` arguments that start after `cursor` (an id) and fetch one row too many. */
export function afterCursor(input: { cursor?: string | null; limit: number }) {
  return { take: input.limit + 1, ...(input.cursor && { cursor: { id: input.cursor }, skip: 1 }) };
}
