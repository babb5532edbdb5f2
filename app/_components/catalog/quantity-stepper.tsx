"use client";

import { Minus, Plus } from "lucide-react";
import { useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { cn } from "~/app/_lib/cn";

interface QuantityStepperProps {
  value: number;
  max: number;
  id?: string;
  onChange: (quantity: number) => void;
  /** Accessible name of the number field, e.g. "Quantity of Desk Lamp". */
  label?: string;
  disabled?: boolean;
  className?: string;
  invalid?: boolean;
  describedBy?: string;
}

/** − [n] + with a typeable field; whatever is typed is kept between 1 and `max`. */
export function QuantityStepper({
  value,
  max,
  id,
  onChange,
  label = "Quantity",
  disabled,
  className,
  invalid,
  describedBy,
}: QuantityStepperProps) {
  const [draft, setDraft] = useState(String(value));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(String(value));
  }
  const clamp = (n: number) => Math.max(1, Math.min(max, n));

  return (
    <div className={cn("inline-flex items-center rounded-md border border-input bg-card shadow-xs", className)}>
      <Button
        variant="ghost"
        size="icon"
        className="rounded-r-none"
        aria-label={`Decrease ${lowerFirst(label)}`}
        disabled={disabled || value <= 1}
        onClick={() => onChange(clamp(value - 1))}
      >
        <Minus aria-hidden />
      </Button>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={max}
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        disabled={disabled}
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value);
          const n = Number(event.target.value);
          if (event.target.value !== "" && Number.isInteger(n)) onChange(clamp(n));
        }}
        onBlur={() => setDraft(String(value))}
        className="h-10 w-12 [appearance:textfield] border-x border-input bg-transparent text-center text-base tabular-nums outline-offset-0 sm:text-sm [&::-webkit-inner-spin-button]:appearance-none [&::-webkit-outer-spin-button]:appearance-none"
      />
      <Button
        variant="ghost"
        size="icon"
        className="rounded-l-none"
        aria-label={`Increase ${lowerFirst(label)}`}
        disabled={disabled || value >= max}
        onClick={() => onChange(clamp(value + 1))}
      >
        <Plus aria-hidden />
      </Button>
    </div>
  );
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
