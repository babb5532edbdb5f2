import { cn } from "~/app/_lib/cn";

interface ProgressBarProps {
  /** Accessible name, e.g. "Indexing progress of Returns". */
  label: string;
  /** 0–100, or null while the amount is not known yet. */
  value: number | null;
  /** Shown beside the bar and read as its value, e.g. "45% · embedding". */
  caption: string;
  className?: string;
}

export function ProgressBar({ label, value, caption, className }: ProgressBarProps) {
  return (
    <div className={cn("grid min-w-32 gap-1", className)}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value ?? undefined}
        aria-valuetext={caption}
        className="h-1.5 w-full overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn(
            "h-full rounded-full bg-primary transition-[width] duration-500 motion-reduce:transition-none",
            value === null && "w-1/3 animate-pulse motion-reduce:animate-none",
          )}
          style={value === null ? undefined : { width: `${value}%` }}
        />
      </div>
      <p className="text-xs whitespace-nowrap text-muted-foreground tabular-nums">{caption}</p>
    </div>
  );
}
