import { useId } from "react";
import { cn } from "~/app/_lib/cn";
import { Input } from "./input";
import { Label } from "./label";

interface FormFieldProps extends React.ComponentProps<"input"> {
  label: string;
  name: string;
  /** Shown under the input and read with it by screen readers. */
  hint?: string;
  /** Messages from the server for this field; the first one is shown. */
  errors?: string[] | null;
}

/** A labelled input whose hint and error are wired to it (aria-describedby / aria-invalid). */
export function FormField({ label, hint, errors, id, className, ...inputProps }: FormFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const error = errors?.[0];
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;

  return (
    <div className={cn("grid gap-2", className)}>
      <Label htmlFor={inputId}>{label}</Label>
      <Input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(" ") || undefined}
        {...inputProps}
      />
      {error && (
        <p id={errorId} className="text-sm text-destructive">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="text-sm text-muted-foreground">
          {hint}
        </p>
      )}
    </div>
  );
}
