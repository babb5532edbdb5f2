"use client";

import { Eye, EyeOff, Star } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { Badge } from "~/app/_components/admin/badge";
import { formatDay } from "~/app/_components/admin/format";
import { Td, Tr } from "~/app/_components/admin/table";
import { Button } from "~/app/_components/ui/button";
import { messageOf } from "~/app/_lib/api-errors";
import { api, type RouterOutputs } from "~/app/_trpc/react";

type AdminReview = RouterOutputs["admin"]["reviews"]["list"]["items"][number];

/** -1 … 1 from the sentiment job, null until it has run. */
function sentimentOf(score: number | null) {
  if (score === null) return { label: "Not scored yet", tone: "neutral" as const };
  const value = `${score > 0 ? "+" : ""}${score.toFixed(2)}`;
  if (score >= 0.25) return { label: `Positive ${value}`, tone: "success" as const };
  if (score <= -0.25) return { label: `Negative ${value}`, tone: "danger" as const };
  return { label: `Neutral ${value}`, tone: "neutral" as const };
}

export function ReviewRow({ review }: { review: AdminReview }) {
  const sentiment = sentimentOf(review.sentiment);
  return (
    <Tr className={review.hidden ? "text-muted-foreground" : undefined}>
      <Td className="max-w-56">
        <Link
          href={`/products/${review.product.slug}` as Route}
          className="line-clamp-2 font-medium text-foreground underline-offset-4 hover:underline"
        >
          {review.product.name}
        </Link>
      </Td>
      <Td className="max-w-48">
        <p className="truncate">{review.user.name ?? review.user.email}</p>
        {review.user.name && <p className="truncate text-xs text-muted-foreground">{review.user.email}</p>}
      </Td>
      <Td className="whitespace-nowrap">
        <span className="inline-flex items-center gap-1 tabular-nums">
          <Star aria-hidden className="size-3.5 fill-current text-primary" />
          {review.rating}
          <span className="sr-only"> out of 5</span>
        </span>
      </Td>
      <Td className="max-w-80 min-w-48">
        <p className="font-medium">{review.title}</p>
        <p className="line-clamp-2 text-xs text-muted-foreground">{review.body}</p>
      </Td>
      <Td>
        <Badge tone={sentiment.tone}>{sentiment.label}</Badge>
      </Td>
      <Td className="whitespace-nowrap">
        <time dateTime={review.createdAt.toISOString()}>{formatDay(review.createdAt)}</time>
      </Td>
      <Td>
        <VisibilityToggle review={review} />
      </Td>
    </Tr>
  );
}

function VisibilityToggle({ review }: { review: AdminReview }) {
  const utils = api.useUtils();
  const setHidden = api.admin.reviews.setHidden.useMutation({ onSuccess: () => void utils.admin.invalidate() });
  const Icon = review.hidden ? Eye : EyeOff;
  return (
    <div className="grid justify-items-start gap-1">
      <div className="flex items-center gap-2">
        {review.hidden && <Badge>Hidden</Badge>}
        <Button
          variant="outline"
          size="sm"
          disabled={setHidden.isPending}
          aria-label={`${review.hidden ? "Show" : "Hide"} review “${review.title}”`}
          onClick={() => setHidden.mutate({ reviewId: review.id, hidden: !review.hidden })}
        >
          <Icon aria-hidden />
          {setHidden.isPending ? "Saving…" : review.hidden ? "Show" : "Hide"}
        </Button>
      </div>
      {setHidden.error && (
        <p role="alert" className="max-w-48 text-xs text-destructive">
          {messageOf(setHidden.error)}
        </p>
      )}
    </div>
  );
}
