import { ChevronDown } from "lucide-react";
import { useId } from "react";
import { cn } from "~/app/_lib/cn";
import { Label } from "~/app/_components/ui/label";

interface SelectFieldProps extends React.ComponentProps<"select"> {
  label: string;
  /** Visually hidden label (still read by screen readers). */
  hideLabel?: boolean;
  errors?: string[] | null;
}

/** A native select (the phone's own picker on mobile), styled like Input, with label and error. */
export function SelectField({ label, hideLabel, errors, id, className, children, ...props }: SelectFieldProps) {
  const generatedId = useId();
  const selectId = id ?? generatedId;
  const error = errors?.[0];
  const errorId = error ? `${selectId}-error` : undefined;
  return (
    <div className={cn("grid gap-2", className)}>
      <Label htmlFor={selectId} className={cn(hideLabel && "sr-only")}>
        {label}
      </Label>
      <div className="relative">
        <select
          id={selectId}
          aria-invalid={error ? true : undefined}
          aria-describedby={errorId}
          className={cn(
            "h-11 w-full min-w-0 appearance-none rounded-md border border-input bg-card pr-9 pl-3 text-base shadow-xs sm:h-10 sm:text-sm",
            "focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/40",
            "disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-destructive",
          )}
          {...props}
        >
          {children}
        </select>
        <ChevronDown
          aria-hidden
          className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted-foreground"
        />
      </div>
      {error && (
        <p id={errorId} className="text-sm text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
