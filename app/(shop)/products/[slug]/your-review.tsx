"use client";

import type { Route } from "next";
import Link from "next/link";
import { useState } from "react";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { ConfirmAction } from "~/app/_components/ui/confirm-action";
import { Stars } from "~/app/_components/catalog/stars";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/app/_components/ui/card";
import { api } from "~/app/_trpc/react";
import { ReviewForm } from "./review-form";

interface YourReviewProps {
  productId: string;
  viewerId: string | null;
  signInHref: string;
}

/** The viewer's part: write a review, or edit / delete theirs, or why they cannot. */
export function YourReview({ productId, viewerId, signInHref }: YourReviewProps) {
  if (!viewerId)
    return (
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Bought this?</CardTitle>
          <CardDescription>Only customers who bought this can review it.</CardDescription>
        </CardHeader>
        <CardContent>
          <Link
            href={signInHref as Route}
            className="text-sm font-medium text-primary underline-offset-4 hover:underline"
          >
            Sign in to write a review
          </Link>
        </CardContent>
      </Card>
    );
  return <SignedInReview productId={productId} />;
}

function SignedInReview({ productId }: { productId: string }) {
  const utils = api.useUtils();
  const eligibility = api.reviews.eligibility.useQuery({ productId });
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = api.reviews.delete.useMutation({
    onSuccess: async () => {
      setNotice("Your review is deleted.");
      await Promise.all([
        utils.reviews.list.invalidate({ productId }),
        utils.reviews.summary.invalidate({ productId }),
      ]);
      await utils.reviews.eligibility.invalidate({ productId });
    },
  });

  if (eligibility.error) return <ApiErrorAlert error={eligibility.error} />;
  if (!eligibility.data) return <div aria-busy="true" className="h-24 animate-pulse rounded-xl bg-muted" />;
  const { canReview, mine } = eligibility.data;
  if (!mine && !canReview && !notice && !remove.error)
    return (
      <Card>
        <CardHeader className="pb-5 sm:pb-6">
          <CardTitle className="text-base">Write a review</CardTitle>
          <CardDescription>Only customers who bought this can review it.</CardDescription>
        </CardHeader>
      </Card>
    );

  return (
    <Card aria-labelledby="your-review-heading">
      <CardHeader>
        <CardTitle id="your-review-heading" className="text-base">
          {mine ? "Your review" : "Write a review"}
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        {notice && <Alert tone="success">{notice}</Alert>}
        {remove.error && <ApiErrorAlert error={remove.error} />}
        {mine && !editing && (
          <>
            {mine.hidden && (
              <Alert title="Hidden by our moderators">
                Other customers cannot see this review. Edit it to follow our guidelines, or delete it.
              </Alert>
            )}
            <div className="grid gap-1">
              <Stars rating={mine.rating} />
              <p className="font-medium">{mine.title}</p>
              <p className="line-clamp-4 text-sm text-muted-foreground">{mine.body}</p>
            </div>
            <div className="flex flex-wrap gap-2">
              <Button
                variant="outline"
                size="sm"
                onClick={() => {
                  setNotice(null);
                  setEditing(true);
                }}
              >
                Edit review
              </Button>
              <ConfirmAction
                label="Delete review"
                pending={remove.isPending}
                pendingLabel="Deleting…"
                triggerSize="sm"
                title="Delete your review?"
                description="Your review and its rating are removed for good. You can write a new one afterwards."
                confirmLabel="Delete review"
                destructive
                onConfirm={() => remove.mutate({ reviewId: mine.id })}
              />
            </div>
          </>
        )}
        {mine && editing && (
          <ReviewForm
            productId={productId}
            existing={mine}
            onSaved={() => {
              setEditing(false);
              setNotice("Your changes are saved.");
            }}
            onCancel={() => setEditing(false)}
          />
        )}
        {!mine && canReview && (
          <ReviewForm productId={productId} onSaved={() => setNotice("Thank you! Your review is published.")} />
        )}
      </CardContent>
    </Card>
  );
}
