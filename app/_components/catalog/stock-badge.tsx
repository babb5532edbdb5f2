import { cn } from "~/app/_lib/cn";

import { availabilityOf, LOW_STOCK } from "~/server/catalog/availability";

export { LOW_STOCK };

export function stockLabel(stock: number): string {
  const label = availabilityOf(stock);
  return label.charAt(0).toUpperCase() + label.slice(1);
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
