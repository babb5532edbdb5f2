import { Star } from "lucide-react";
import { cn } from "~/app/_lib/cn";

interface StarsProps {
  /** 0–5, fractions allowed (an average). */
  rating: number;
  className?: string;
  size?: "sm" | "md";
}

/** Five stars filled to `rating`; read out as text ("4.5 out of 5 stars"). */
export function Stars({ rating, className, size = "sm" }: StarsProps) {
  const clamped = Math.max(0, Math.min(5, rating));
  const label = `${Number.isInteger(clamped) ? clamped : clamped.toFixed(1)} out of 5 stars`;
  const iconSize = size === "sm" ? "size-4" : "size-5";
  return (
    <span role="img" aria-label={label} className={cn("relative inline-flex w-fit", className)}>
      <span className="flex text-muted-foreground/40" aria-hidden>
        {[0, 1, 2, 3, 4].map((i) => (
          <Star key={i} className={cn(iconSize, "fill-current")} />
        ))}
      </span>
      <span
        className="absolute inset-y-0 left-0 flex overflow-hidden text-amber-500 dark:text-amber-400"
        style={{ width: `${(clamped / 5) * 100}%` }}
        aria-hidden
      >
        {[0, 1, 2, 3, 4].map((i) => (
          <Star key={i} className={cn(iconSize, "shrink-0 fill-current")} />
        ))}
      </span>
    </span>
  );
}
