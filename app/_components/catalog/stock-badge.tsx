import { cn } from "~/app/_lib/cn";

/** At or below this, the badge warns that few are left. */
export const LOW_STOCK = 5;

export function stockLabel(stock: number): string {
  if (stock <= 0) return "Out of stock";
  if (stock <= LOW_STOCK) return `Only ${stock} left`;
  return "In stock";
}

export function StockBadge({ stock, className }: { stock: number; className?: string }) {
  return (
    <span
      className={cn(
        "inline-flex w-fit items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        stock <= 0
          ? "bg-destructive/10 text-destructive"
          : stock <= LOW_STOCK
            ? "bg-accent text-accent-foreground ring-1 ring-primary/30"
            : "bg-success/15 text-success",
        className,
      )}
    >
      {stockLabel(stock)}
    </span>
  );
}
