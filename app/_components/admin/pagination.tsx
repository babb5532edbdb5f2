import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight } from "lucide-react";
import { Button } from "~/app/_components/ui/button";
import { formatCount } from "./format";

interface PaginationProps {
  page: number;
  pageCount: number;
  pageSize: number;
  total: number;
  /** Plural noun for the range, e.g. "products". */
  noun: string;
  onPage: (page: number) => void;
}

/** "Showing 26–50 of 2,000 products" and first / previous / next / last page. */
export function Pagination({ page, pageCount, pageSize, total, noun, onPage }: PaginationProps) {
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(page * pageSize, total);
  const pages = [
    { label: "First page", icon: ChevronsLeft, target: 1, disabled: page <= 1 },
    { label: "Previous page", icon: ChevronLeft, target: page - 1, disabled: page <= 1 },
    { label: "Next page", icon: ChevronRight, target: page + 1, disabled: page >= pageCount },
    { label: "Last page", icon: ChevronsRight, target: pageCount, disabled: page >= pageCount },
  ];
  const renderButton = ({ label, icon: Icon, target, disabled }: (typeof pages)[number]) => (
    <Button
      key={label}
      variant="outline"
      size="sm"
      aria-label={label}
      disabled={disabled}
      onClick={() => onPage(target)}
    >
      <Icon aria-hidden />
    </Button>
  );
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-muted-foreground" aria-live="polite">
        {total === 0
          ? `No ${noun}`
          : `Showing ${formatCount(from)}–${formatCount(to)} of ${formatCount(total)} ${noun}`}
      </p>
      <div className="flex items-center gap-1">
        {pages.slice(0, 2).map(renderButton)}
        <span className="px-2 text-sm whitespace-nowrap tabular-nums">
          Page {formatCount(Math.min(page, pageCount))} of {formatCount(pageCount)}
        </span>
        {pages.slice(2).map(renderButton)}
      </div>
    </nav>
  );
}
