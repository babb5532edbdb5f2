"use client";

import { Check, ChevronDown } from "lucide-react";
import { Select } from "radix-ui";
import { cn } from "~/app/_lib/cn";

interface ChoiceSelectProps<V extends string> {
  /** Accessible name, e.g. "Status of order 3f2a…". */
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  disabled?: boolean;
  className?: string;
}

/**
 * A compact select for a row's state (order status, user role). Unlike a native select, arrowing
 * through the options changes nothing until one is chosen with Enter or a click.
 */
export function ChoiceSelect<V extends string>({
  label,
  value,
  options,
  onChange,
  disabled,
  className,
}: ChoiceSelectProps<V>) {
  return (
    <Select.Root value={value} onValueChange={(next) => onChange(next as V)} disabled={disabled}>
      <Select.Trigger
        aria-label={label}
        className={cn(
          "inline-flex h-8 min-w-32 items-center justify-between gap-2 rounded-md border border-input bg-card px-2.5 text-sm shadow-xs",
          "hover:bg-muted disabled:cursor-not-allowed disabled:opacity-60 data-placeholder:text-muted-foreground",
          className,
        )}
      >
        <Select.Value />
        <Select.Icon>
          <ChevronDown aria-hidden className="size-4 text-muted-foreground" />
        </Select.Icon>
      </Select.Trigger>
      <Select.Portal>
        <Select.Content
          position="popper"
          sideOffset={4}
          collisionPadding={8}
          className="z-50 max-h-(--radix-select-content-available-height) min-w-(--radix-select-trigger-width) overflow-hidden rounded-lg border bg-card text-card-foreground shadow-lg"
        >
          <Select.Viewport className="p-1">
            {options.map((option) => (
              <Select.Item
                key={option.value}
                value={option.value}
                className="relative flex cursor-default items-center rounded-md py-1.5 pr-8 pl-2 text-sm outline-none select-none data-disabled:opacity-50 data-highlighted:bg-muted"
              >
                <Select.ItemText>{option.label}</Select.ItemText>
                <Select.ItemIndicator className="absolute right-2 inline-flex">
                  <Check aria-hidden className="size-4" />
                </Select.ItemIndicator>
              </Select.Item>
            ))}
          </Select.Viewport>
        </Select.Content>
      </Select.Portal>
    </Select.Root>
  );
}
