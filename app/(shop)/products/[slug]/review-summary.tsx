"use client";

import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { sentimentLabel } from "~/app/_components/catalog/sentiment";
import { Stars } from "~/app/_components/catalog/stars";
import { Card, CardContent } from "~/app/_components/ui/card";
import { api } from "~/app/_trpc/react";

/** Average stars, count, a bar per star level and the overall tone of the reviews. */
export function ReviewSummary({ productId }: { productId: string }) {
  const summary = api.reviews.summary.useQuery({ productId });

  if (summary.error) return <ApiErrorAlert error={summary.error} />;
  if (!summary.data)
    return <Card aria-busy="true" aria-label="Loading the rating summary" className="h-48 animate-pulse bg-muted" />;

  const { count, average, sentiment, stars } = summary.data;
  if (count === 0)
    return (
      <Card>
        <CardContent className="grid gap-1">
          <p className="font-medium">No reviews yet</p>
          <p className="text-sm text-muted-foreground">Customers who buy this product can be the first to review it.</p>
        </CardContent>
      </Card>
    );

  return (
    <Card aria-label="Rating summary">
      <CardContent className="grid gap-4">
        <div className="grid gap-1">
          <div className="flex items-center gap-3">
            <span className="text-4xl font-semibold tabular-nums">{(average ?? 0).toFixed(1)}</span>
            <Stars rating={average ?? 0} size="md" />
          </div>
          <p className="text-sm text-muted-foreground">
            {count === 1 ? "Based on 1 review" : `Based on ${count} reviews`}
            {sentiment !== null && ` · ${sentimentLabel(sentiment)}`}
          </p>
        </div>
        <ul className="grid gap-1.5" aria-label="Reviews per star rating">
          {[5, 4, 3, 2, 1].map((level) => {
            const n = stars[level - 1] ?? 0;
            const percent = Math.round((n / count) * 100);
            return (
              <li key={level} className="grid grid-cols-[3.5rem_1fr_2.5rem] items-center gap-2 text-sm">
                <span>{level} star</span>
                <span
                  role="meter"
                  aria-label={`${level} star`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={percent}
                  aria-valuetext={`${n} of ${count} reviews`}
                  className="h-2 overflow-hidden rounded-full bg-muted"
                >
                  <span
                    className="block h-full rounded-full bg-amber-500 dark:bg-amber-400"
                    style={{ width: `${percent}%` }}
                  />
                </span>
                <span className="text-right text-muted-foreground tabular-nums">{n}</span>
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}
