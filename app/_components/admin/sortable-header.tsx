import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { cn } from "~/app/_lib/cn";
import type { SortDirection } from "./search-params";
import { Th } from "./table";

interface SortableHeaderProps<C extends string> extends Omit<React.ComponentProps<"th">, "onChange"> {
  column: C;
  label: string;
  sort: { sort: C; direction: SortDirection };
  onSort: (sort: { sort: C; direction: SortDirection }) => void;
  /** The direction of the first click, e.g. "desc" for dates and amounts (newest, largest first). */
  firstDirection?: SortDirection;
  align?: "left" | "right";
}

/** A column header that sorts the table: click again to reverse; aria-sort says how it is sorted. */
export function SortableHeader<C extends string>({
  column,
  label,
  sort,
  onSort,
  firstDirection = "asc",
  align = "left",
  className,
  ...props
}: SortableHeaderProps<C>) {
  const active = sort.sort === column;
  const Icon = !active ? ArrowUpDown : sort.direction === "asc" ? ArrowUp : ArrowDown;
  const next = active ? (sort.direction === "asc" ? "desc" : "asc") : firstDirection;
  return (
    <Th
      aria-sort={active ? (sort.direction === "asc" ? "ascending" : "descending") : "none"}
      className={cn("p-0", align === "right" && "text-right", className)}
      {...props}
    >
      <button
        type="button"
        onClick={() => onSort({ sort: column, direction: next })}
        className={cn(
          "inline-flex w-full items-center gap-1.5 px-3 py-2.5 font-medium hover:text-foreground",
          align === "right" && "justify-end",
          active && "text-foreground",
        )}
      >
        {label}
        <Icon aria-hidden className={cn("size-3.5 shrink-0", !active && "opacity-50")} />
      </button>
    </Th>
  );
}
