"use client";

import { ChevronDown, SlidersHorizontal } from "lucide-react";
import { useState } from "react";
import { SelectField } from "~/app/_components/catalog/select";
import { Button } from "~/app/_components/ui/button";
import { FormField } from "~/app/_components/ui/form-field";
import { cn } from "~/app/_lib/cn";
import { activeFilterCount, type CatalogFilters } from "./catalog-filters";
import { useUrlField } from "./use-catalog-url";

export interface CategoryOption {
  slug: string;
  name: string;
  activeCount: number;
}

interface FiltersPanelProps {
  filters: CatalogFilters;
  categories: CategoryOption[];
  fieldErrors: Partial<Record<string, string[]>>;
  onChange: (change: Partial<CatalogFilters>) => void;
}

/** Category, price range and stock; collapsed behind a button on small screens. */
export function FiltersPanel({ filters, categories, fieldErrors, onChange }: FiltersPanelProps) {
  const [open, setOpen] = useState(false);
  const [minPrice, setMinPrice] = useUrlField(filters.minPrice);
  const [maxPrice, setMaxPrice] = useUrlField(filters.maxPrice);
  const active = activeFilterCount(filters);
  const hasErrors = Boolean(fieldErrors.categorySlug ?? fieldErrors.minPrice ?? fieldErrors.maxPrice);
  const shown = open || hasErrors;

  return (
    <div className="grid gap-3">
      <Button
        variant="outline"
        className="justify-between lg:hidden"
        aria-expanded={shown}
        aria-controls="catalog-filters"
        onClick={() => setOpen(!open)}
      >
        <span className="inline-flex items-center gap-2">
          <SlidersHorizontal aria-hidden />
          Filters{active > 0 && ` (${active})`}
        </span>
        <ChevronDown aria-hidden className={cn("transition-transform", shown && "rotate-180")} />
      </Button>
      <form
        id="catalog-filters"
        aria-label="Filters"
        noValidate
        className={cn("grid gap-5 rounded-xl border bg-card p-4 shadow-sm", !shown && "max-lg:hidden")}
        onSubmit={(event) => {
          event.preventDefault();
          onChange({ minPrice, maxPrice });
        }}
      >
        <SelectField
          label="Category"
          value={filters.category}
          errors={fieldErrors.categorySlug}
          onChange={(event) => onChange({ category: event.target.value })}
        >
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.name} ({c.activeCount})
            </option>
          ))}
        </SelectField>

        <fieldset className="grid gap-3">
          <legend className="mb-2 text-sm font-medium">Price (USD)</legend>
          <div className="grid grid-cols-2 items-start gap-3">
            <FormField
              label="Min price"
              name="minPrice"
              inputMode="decimal"
              placeholder="0"
              autoComplete="off"
              value={minPrice}
              onChange={(event) => setMinPrice(event.target.value)}
              errors={fieldErrors.minPrice}
            />
            <FormField
              label="Max price"
              name="maxPrice"
              inputMode="decimal"
              placeholder="Any"
              autoComplete="off"
              value={maxPrice}
              onChange={(event) => setMaxPrice(event.target.value)}
              errors={fieldErrors.maxPrice}
            />
          </div>
          <Button type="submit" variant="outline" size="sm" className="justify-self-start">
            Apply price
          </Button>
        </fieldset>

        <label className="flex cursor-pointer items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            checked={filters.inStock}
            onChange={(event) => onChange({ inStock: event.target.checked })}
            className="size-4 accent-primary"
          />
          In stock only
        </label>

        {active > 0 && (
          <Button
            variant="ghost"
            size="sm"
            className="justify-self-start"
            onClick={() => onChange({ category: "", minPrice: "", maxPrice: "", inStock: false })}
          >
            Clear filters
          </Button>
        )}
      </form>
    </div>
  );
}
