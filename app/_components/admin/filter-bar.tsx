"use client";

import { Search, X } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { Input } from "~/app/_components/ui/input";
import { Label } from "~/app/_components/ui/label";
import { cn } from "~/app/_lib/cn";
import { NativeSelect } from "./controls";

/** The row of filters above a table; wraps onto more lines on narrow screens. */
export function FilterBar({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div role="search" aria-label={label} className={cn("flex flex-wrap items-end gap-3", className)}>
      {children}
    </div>
  );
}

interface SearchBoxProps {
  label: string;
  placeholder?: string;
  value: string;
  /** Called a moment after typing stops, or at once on Enter. */
  onSearch: (value: string) => void;
}

export function SearchBox({ label, placeholder, value, onSearch }: SearchBoxProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  // The URL changed under us (Back, "Clear filters"): show its value, not the stale draft.
  if (value !== shown) {
    setShown(value);
    if (draft.trim() !== value) setDraft(value);
  }

  // The latest callback without restarting the timer on every render of the table.
  const onSearchRef = useRef(onSearch);
  useEffect(() => {
    onSearchRef.current = onSearch;
  });
  useEffect(() => {
    if (draft.trim() === value) return;
    const timer = setTimeout(() => onSearchRef.current(draft.trim()), 350);
    return () => clearTimeout(timer);
  }, [draft, value]);

  return (
    <div className="grid min-w-0 flex-[2_1_15rem] gap-2">
      <Label htmlFor={id}>{label}</Label>
      <div className="relative">
        <Search
          aria-hidden
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
        />
        <Input
          id={id}
          type="search"
          value={draft}
          placeholder={placeholder}
          className="pl-9"
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") onSearch(draft.trim());
          }}
        />
      </div>
    </div>
  );
}

interface SelectFilterProps {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  className?: string;
}

/** A labelled select whose first option (value "") means "no filter". */
export function SelectFilter({ label, value, options, onChange, className }: SelectFilterProps) {
  const id = useId();
  return (
    <div className={cn("grid max-w-64 min-w-0 flex-[1_1_9rem] gap-2", className)}>
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

interface DateFilterProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  min?: string;
  max?: string;
}

export function DateFilter({ label, value, onChange, min, max }: DateFilterProps) {
  const id = useId();
  return (
    <div className="grid max-w-48 min-w-0 flex-[1_1_9rem] gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} type="date" value={value} min={min} max={max} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}

/** Shown when any filter is set: one click back to the whole table. */
export function ClearFilters({ onClear }: { onClear: () => void }) {
  return (
    <Button variant="ghost" onClick={onClear} className="h-11 sm:h-10">
      <X aria-hidden />
      Clear filters
    </Button>
  );
}
