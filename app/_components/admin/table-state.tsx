import { RotateCw, SearchX } from "lucide-react";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { Button } from "~/app/_components/ui/button";
import type { ApiError } from "~/app/_lib/api-errors";
import { MessageRow, SkeletonRows } from "./table";

interface TableQuery<T> {
  data?: { items: T[] };
  isPending: boolean;
  error: ApiError | null;
  refetch: () => unknown;
}

interface TableBodyProps<T> {
  query: TableQuery<T>;
  columns: number;
  /** What to say when there are no rows, and how to get some (e.g. clear the filters). */
  empty: React.ReactNode;
  children: (items: T[]) => React.ReactNode;
}

/** The rows of a table, or its skeleton, its error (with a retry) or its empty state. */
export function TableBody<T>({ query, columns, empty, children }: TableBodyProps<T>) {
  let content: React.ReactNode;
  if (query.data?.items.length) content = children(query.data.items);
  else if (query.error)
    content = (
      <MessageRow columns={columns}>
        <div className="mx-auto grid max-w-md justify-items-start gap-3">
          <ApiErrorAlert error={query.error} className="w-full" />
          <Button variant="outline" size="sm" onClick={() => void query.refetch()}>
            <RotateCw aria-hidden />
            Try again
          </Button>
        </div>
      </MessageRow>
    );
  else if (query.isPending) content = <SkeletonRows columns={columns} />;
  else content = <MessageRow columns={columns}>{empty}</MessageRow>;
  return <tbody>{content}</tbody>;
}

interface EmptyStateProps {
  title: string;
  children?: React.ReactNode;
  /** E.g. a "Clear filters" button. */
  action?: React.ReactNode;
}

export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <div className="grid justify-items-center gap-2 text-center">
      <SearchX aria-hidden className="size-8 text-muted-foreground" />
      <p className="font-medium">{title}</p>
      {children && <p className="max-w-sm text-sm text-muted-foreground">{children}</p>}
      {action}
    </div>
  );
}
