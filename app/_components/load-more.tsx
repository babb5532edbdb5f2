import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import type { ApiError } from "~/app/_lib/api-errors";
import { Button } from "~/app/_components/ui/button";

/** What a cursor-paginated list's infinite query offers (TanStack Query's useInfiniteQuery). */
interface NextPages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: ApiError | null;
  fetchNextPage: () => Promise<unknown>;
}

/** The end of a paged list: why the next page failed, if it did, and the button that loads it. */
export function LoadMore({
  pages,
  label = "Load more",
  loadingLabel = "Loading more…",
  className = "justify-self-center",
}: {
  pages: NextPages;
  label?: string;
  loadingLabel?: string;
  className?: string;
}) {
  return (
    <>
      {pages.isFetchNextPageError && pages.error && <ApiErrorAlert error={pages.error} />}
      {pages.hasNextPage && (
        <Button
          variant="outline"
          className={className}
          onClick={() => void pages.fetchNextPage()}
          disabled={pages.isFetchingNextPage}
        >
          {pages.isFetchingNextPage ? loadingLabel : label}
        </Button>
      )}
    </>
  );
}
