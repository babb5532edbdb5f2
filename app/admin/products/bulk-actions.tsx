"use client";

import { Button } from "~/app/_components/ui/button";
import { plural } from "~/app/_components/admin/format";

interface BulkActionsProps {
  count: number;
  pending: boolean;
  onSetActive: (active: boolean) => void;
  onClear: () => void;
}

/** Appears once rows are selected: what is selected and what can be done with all of them. */
export function BulkActions({ count, pending, onSetActive, onClear }: BulkActionsProps) {
  if (count === 0) return null;
  return (
    <div
      role="region"
      aria-label="Bulk actions"
      className="flex flex-wrap items-center gap-2 rounded-lg border bg-accent px-3 py-2 text-sm text-accent-foreground"
    >
      <span className="mr-auto font-medium">{plural(count, "product")} selected</span>
      <Button size="sm" variant="outline" disabled={pending} onClick={() => onSetActive(true)}>
        Activate
      </Button>
      <Button size="sm" variant="outline" disabled={pending} onClick={() => onSetActive(false)}>
        Deactivate
      </Button>
      <Button size="sm" variant="ghost" disabled={pending} onClick={onClear}>
        Clear selection
      </Button>
    </div>
  );
}

/** "3 products changed (2 already were inactive)", from the mutation's counts. */
export function bulkResultMessage({ changed, unchanged }: { changed: number; unchanged: number }, active: boolean) {
  const already = unchanged
    ? ` (${unchanged} already ${unchanged === 1 ? "was" : "were"} ${active ? "active" : "inactive"})`
    : "";
  return `${plural(changed, "product")} changed${already}`;
}
