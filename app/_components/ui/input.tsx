import { cn } from "~/app/_lib/cn";

export function Input({ className, ...props }: React.ComponentProps<"input">) {
  return (
    <input
      className={cn(
        "h-11 w-full min-w-0 rounded-md border border-input bg-card px-3 text-base shadow-xs sm:h-10 sm:text-sm",
        "placeholder:text-muted-foreground disabled:cursor-not-allowed disabled:opacity-60",
        "focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/40",
        "aria-invalid:border-destructive aria-invalid:focus-visible:outline-destructive/40",
        className,
      )}
      {...props}
    />
  );
}
