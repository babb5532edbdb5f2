"use client";

import { Search } from "lucide-react";
import { useEffect } from "react";
import { Button } from "~/app/_components/ui/button";
import { Input } from "~/app/_components/ui/input";
import { Label } from "~/app/_components/ui/label";
import { useUrlField } from "./use-catalog-url";

const DEBOUNCE_MS = 400;

interface SearchBoxProps {
  /** The query in the URL. */
  value: string;
  errors?: string[];
  onSearch: (q: string, mode: "push" | "replace") => void;
}

/**
 * Searches as you type (after a pause) and on Enter. Starting a search adds a history entry;
 * refining it replaces that entry, so Back returns to where the search began.
 */
export function SearchBox({ value, errors, onSearch }: SearchBoxProps) {
  const [q, setQ] = useUrlField(value);
  const mode = value ? "replace" : "push";

  useEffect(() => {
    if (q.trim() === value) return;
    const timer = setTimeout(() => onSearch(q, mode), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q, value, mode, onSearch]);

  const error = errors?.[0];
  return (
    <form
      role="search"
      action="/products"
      className="grid gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(q, mode);
      }}
    >
      <Label htmlFor="catalog-search" className="sr-only">
        Search products
      </Label>
      <div className="flex gap-2">
        <div className="relative min-w-0 flex-1">
          <Search
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
          />
          <Input
            id="catalog-search"
            type="search"
            name="q"
            value={q}
            onChange={(event) => setQ(event.target.value)}
            placeholder="Search products, e.g. headphones"
            autoComplete="off"
            enterKeyHint="search"
            maxLength={100}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "catalog-search-error" : undefined}
            className="pl-9"
          />
        </div>
        <Button type="submit">Search</Button>
      </div>
      {error && (
        <p id="catalog-search-error" className="text-sm text-destructive">
          {error}
        </p>
      )}
    </form>
  );
}
