import { ChevronDown } from "lucide-react";
import { useId } from "react";
import { Label } from "~/app/_components/ui/label";
import { cn } from "~/app/_lib/cn";

const controlClasses = cn(
  "w-full min-w-0 rounded-md border border-input bg-card px-3 text-base shadow-xs sm:text-sm",
  "disabled:cursor-not-allowed disabled:opacity-60",
  "focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/40",
  "aria-invalid:border-destructive aria-invalid:focus-visible:outline-destructive/40",
);

/** The platform's select (keyboard, screen readers and phones handle it natively), styled like Input. */
export function NativeSelect({ className, ...props }: React.ComponentProps<"select">) {
  return (
    <div className={cn("relative", className)}>
      <select className={cn(controlClasses, "h-11 appearance-none pr-9 sm:h-10")} {...props} />
      <ChevronDown
        aria-hidden
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted-foreground"
      />
    </div>
  );
}

export function Textarea({ className, ...props }: React.ComponentProps<"textarea">) {
  return <textarea className={cn(controlClasses, "min-h-24 py-2", className)} {...props} />;
}

export interface ControlProps {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

interface FieldProps {
  label: string;
  hint?: string;
  /** Messages from the server for this field; the first one is shown. */
  errors?: string[] | null;
  className?: string;
  /** Renders the control with the id and ARIA wiring it needs. */
  children: (control: ControlProps) => React.ReactNode;
}

/** A label, a control, its hint and its error, for controls FormField does not cover (select, textarea). */
export function Field({ label, hint, errors, className, children }: FieldProps) {
  const id = useId();
  const error = errors?.[0];
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(" ");
  return (
    <div className={cn("grid gap-2", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined })}
      {error && (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {error}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-muted-foreground">
          {hint}
        </p>
      )}
    </div>
  );
}
