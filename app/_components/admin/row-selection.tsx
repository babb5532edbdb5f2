"use client";

import { useState } from "react";

/**
 * Selected row ids of one page of a table. A new `pageKey` (another page, filter or sort) starts
 * with nothing selected, so a bulk action only ever touches rows the user can see.
 */
export function useRowSelection(pageKey: string) {
  const [state, setState] = useState({ pageKey, ids: new Set<string>() });
  const ids = state.pageKey === pageKey ? state.ids : new Set<string>();

  const set = (next: Set<string>) => setState({ pageKey, ids: next });
  return {
    ids,
    has: (id: string) => ids.has(id),
    toggle: (id: string, on: boolean) => {
      const next = new Set(ids);
      if (on) next.add(id);
      else next.delete(id);
      set(next);
    },
    setAll: (pageIds: string[], on: boolean) => set(on ? new Set(pageIds) : new Set()),
    clear: () => set(new Set()),
  };
}

export type RowSelection = ReturnType<typeof useRowSelection>;

/** The header checkbox: checked when every row on the page is, mixed when some are. */
export function SelectAllCheckbox({ selection, pageIds }: { selection: RowSelection; pageIds: string[] }) {
  const count = pageIds.filter((id) => selection.has(id)).length;
  const all = pageIds.length > 0 && count === pageIds.length;
  return (
    <input
      type="checkbox"
      aria-label="Select all on this page"
      className="size-4 accent-primary"
      disabled={pageIds.length === 0}
      checked={all}
      ref={(element) => {
        if (element) element.indeterminate = count > 0 && !all;
      }}
      onChange={(event) => selection.setAll(pageIds, event.target.checked)}
    />
  );
}

export function RowCheckbox({ selection, id, label }: { selection: RowSelection; id: string; label: string }) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      className="size-4 accent-primary"
      checked={selection.has(id)}
      onChange={(event) => selection.toggle(id, event.target.checked)}
    />
  );
}
