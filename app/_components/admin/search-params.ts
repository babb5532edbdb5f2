/**
 * Reading a back-office table's state from the URL. Shared by server pages (to prefetch the very
 * query the table will ask for) and client tables, so both build the same input. Anything
 * malformed falls back to the default rather than failing the page.
 */
export type SearchParamsRecord = Record<string, string | string[] | undefined>;

export type SortDirection = "asc" | "desc";

export function toSearchParams(record: SearchParamsRecord): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) params.set(key, first);
  }
  return params;
}

/** The path with its query, e.g. for the sign-in page's return address. */
export function withQuery(path: string, record: SearchParamsRecord) {
  const query = toSearchParams(record).toString();
  return query ? `${path}?${query}` : path;
}

export function readPage(params: URLSearchParams) {
  const page = Number(params.get("page"));
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

export function readEnum<const T extends string>(params: URLSearchParams, key: string, values: readonly T[]) {
  const value = params.get(key);
  return values.find((v) => v === value);
}

export function readText(params: URLSearchParams, key: string, maxLength = 100) {
  const value = params.get(key)?.trim();
  return value ? value.slice(0, maxLength) : undefined;
}

/** "yes" / "no" in the URL → true / false; anything else → undefined (both). */
export function readFlag(params: URLSearchParams, key: string) {
  const value = params.get(key);
  return value === "yes" ? true : value === "no" ? false : undefined;
}

/** A calendar day (YYYY-MM-DD) as typed into a date input, or undefined. */
export function readDay(params: URLSearchParams, key: string) {
  const value = params.get(key);
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

/** Sort column and direction; `columns` are the ones the procedure accepts. */
export function readSort<const C extends string>(
  params: URLSearchParams,
  columns: readonly C[],
  fallback: { sort: C; direction: SortDirection },
) {
  return {
    sort: readEnum(params, "sort", columns) ?? fallback.sort,
    direction: readEnum(params, "dir", ["asc", "desc"] as const) ?? fallback.direction,
  };
}
