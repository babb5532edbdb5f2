import { cn } from "~/app/_lib/cn";

interface DataTableProps extends React.ComponentProps<"table"> {
  /** Names the table for screen readers (visually hidden). */
  caption: string;
  /** True while newer rows load: the old ones stay, dimmed. */
  busy?: boolean;
}

/** A back-office table: scrolls sideways on narrow screens instead of squeezing its columns. */
export function DataTable({ caption, busy, className, children, ...props }: DataTableProps) {
  return (
    <div className="overflow-x-auto rounded-xl border bg-card shadow-sm">
      <table
        aria-busy={busy || undefined}
        className={cn("w-full border-collapse text-sm transition-opacity", busy && "opacity-60", className)}
        {...props}
      >
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ className, ...props }: React.ComponentProps<"th">) {
  return (
    <th
      scope="col"
      className={cn(
        "border-b bg-muted/60 px-3 py-2.5 text-left text-xs font-medium whitespace-nowrap text-muted-foreground",
        className,
      )}
      {...props}
    />
  );
}

export function Td({ className, ...props }: React.ComponentProps<"td">) {
  return <td className={cn("border-b px-3 py-2 align-middle", className)} {...props} />;
}

export function Tr({ className, ...props }: React.ComponentProps<"tr">) {
  return (
    <tr className={cn("transition-colors hover:bg-muted/40 [&:last-child>td]:border-b-0", className)} {...props} />
  );
}

/** Placeholder rows in the table's own shape while the first page loads. */
export function SkeletonRows({ columns, rows = 8 }: { columns: number; rows?: number }) {
  return Array.from({ length: rows }, (_, row) => (
    <tr key={row} aria-hidden>
      {Array.from({ length: columns }, (_, column) => (
        <td key={column} className="border-b px-3 py-3">
          <div className="h-4 animate-pulse rounded bg-muted motion-reduce:animate-none" />
        </td>
      ))}
    </tr>
  ));
}

/** One full-width row for an empty result or an error, inside the table where the rows would be. */
export function MessageRow({ columns, children }: { columns: number; children: React.ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="px-3 py-10">
        {children}
      </td>
    </tr>
  );
}
