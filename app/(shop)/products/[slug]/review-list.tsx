"use client";

import { REVIEWS_PAGE_SIZE } from "~/server/reviews/reviews.schemas";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { LoadMore } from "~/app/_components/load-more";
import { LocalTime } from "~/app/_components/catalog/local-time";
import { sentimentLabel, sentimentTone } from "~/app/_components/catalog/sentiment";
import { Stars } from "~/app/_components/catalog/stars";
import { cn } from "~/app/_lib/cn";
import { api, type RouterOutputs } from "~/app/_trpc/react";

/** While a review waits for its sentiment score, look again this often. */
const SCORING_POLL_MS = 3_000;

type Review = RouterOutputs["reviews"]["list"]["items"][number];

export function ReviewList({ productId }: { productId: string }) {
  const reviews = api.reviews.list.useInfiniteQuery(
    { productId, limit: REVIEWS_PAGE_SIZE },
    {
      getNextPageParam: (last) => last.nextCursor,
      refetchInterval: (query) =>
        query.state.data?.pages.some((page) => page.items.some((r) => r.sentiment === null)) ? SCORING_POLL_MS : false,
    },
  );
  const items = reviews.data?.pages.flatMap((page) => page.items) ?? [];

  if (reviews.isPending)
    return <div aria-busy="true" aria-label="Loading reviews" className="h-40 animate-pulse rounded-xl bg-muted" />;
  if (reviews.isError && !reviews.data) return <ApiErrorAlert error={reviews.error} />;
  if (items.length === 0) return <p className="text-muted-foreground">Nobody has reviewed this product yet.</p>;

  return (
    <div className="grid gap-4">
      <ul aria-label="Reviews" className="grid gap-4">
        {items.map((review) => (
          <ReviewItem key={review.id} review={review} mine={review.mine} />
        ))}
      </ul>
      <LoadMore
        pages={reviews}
        label="Show more reviews"
        loadingLabel="Loading more reviews…"
        className="justify-self-start"
      />
    </div>
  );
}

function ReviewItem({ review, mine }: { review: Review; mine: boolean }) {
  return (
    <li className="grid gap-2 rounded-xl border bg-card p-4 shadow-sm">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Stars rating={review.rating} />
        <h3 className="font-semibold">{review.title}</h3>
      </div>
      <p className="text-sm text-pretty whitespace-pre-line">{review.body}</p>
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        <span>
          {review.authorName}
          {mine && " (you)"}
        </span>
        <span aria-hidden>·</span>
        <LocalTime value={review.createdAt} options={{ dateStyle: "medium" }} />
        <span
          className={cn("rounded-full px-2 py-0.5 font-medium", sentimentTone(review.sentiment))}
          title="Tone of the review, scored automatically"
        >
          <span className="sr-only">Tone: </span>
          {sentimentLabel(review.sentiment)}
        </span>
      </div>
    </li>
  );
}
