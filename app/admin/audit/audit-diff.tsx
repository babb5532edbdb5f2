/** Keys every write touches; listing them would bury the change that matters. */
const noise = new Set(["updatedAt"]);
const MAX_CREATED_KEYS = 6;

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A short rendering of a JSON value: strings bare, a related row by its name, the rest as JSON. */
function compact(value: Json): string {
  if (value === undefined) return "—";
  if (isRecord(value) && typeof value.name === "string") return value.name;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The keys whose values differ between the row before and after the write. */
export function changedKeys(before: Json, after: Json) {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((key) => !noise.has(key) && JSON.stringify(b[key]) !== JSON.stringify(a[key]))
    .map((key) => ({ key, before: b[key], after: a[key] }));
}

/** Before → after for the changed keys of one audit entry; a new row lists its first fields. */
export function AuditDiff({ before, after }: { before: Json; after: Json }) {
  const created = !isRecord(before) && isRecord(after);
  const changes = changedKeys(before, after).filter((c) => !created || !["id", "createdAt"].includes(c.key));
  if (changes.length === 0) return <span className="text-muted-foreground">No field changed</span>;
  const shown = created ? changes.slice(0, MAX_CREATED_KEYS) : changes;
  return (
    <ul className="grid gap-0.5 font-mono text-xs">
      {created && <li className="font-sans text-muted-foreground">Created with</li>}
      {shown.map(({ key, before: from, after: to }) => (
        <li key={key} className="[overflow-wrap:anywhere]">
          <span className="text-muted-foreground">{key}:</span>{" "}
          {!created && (
            <>
              <del className="text-destructive decoration-destructive/60">{compact(from)}</del>
              <span aria-hidden> → </span>
              <span className="sr-only"> changed to </span>
            </>
          )}
          <ins className="text-success no-underline">{compact(to)}</ins>
        </li>
      ))}
      {shown.length < changes.length && (
        <li className="font-sans text-muted-foreground">and {changes.length - shown.length} more fields</li>
      )}
    </ul>
  );
}
