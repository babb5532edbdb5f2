"use client";

import { Star } from "lucide-react";
import { useState } from "react";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { Button } from "~/app/_components/ui/button";
import { FormField } from "~/app/_components/ui/form-field";
import { Label } from "~/app/_components/ui/label";
import { fieldErrorsOf } from "~/app/_lib/api-errors";
import { cn } from "~/app/_lib/cn";
import { api } from "~/app/_trpc/react";

interface ReviewFormProps {
  productId: string;
  /** The review being edited; a new review when absent. */
  existing?: { id: string; rating: number; title: string; body: string };
  onSaved: () => void;
  onCancel?: () => void;
}

export function ReviewForm({ productId, existing, onSaved, onCancel }: ReviewFormProps) {
  const utils = api.useUtils();
  const [rating, setRating] = useState(existing?.rating ?? 0);
  const onSuccess = async () => {
    await Promise.all([
      utils.reviews.list.invalidate({ productId }),
      utils.reviews.summary.invalidate({ productId }),
      utils.reviews.eligibility.invalidate({ productId }),
    ]);
    onSaved();
  };
  const create = api.reviews.create.useMutation({ onSuccess });
  const update = api.reviews.update.useMutation({ onSuccess });
  const mutation = existing ? update : create;
  const fieldErrors = fieldErrorsOf(mutation.error);
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fields = { rating, title: String(form.get("title")), body: String(form.get("body")) };
    if (existing) update.mutate({ reviewId: existing.id, ...fields });
    else create.mutate({ productId, ...fields });
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="grid gap-4"
      aria-label={existing ? "Edit your review" : "Write a review"}
    >
      {mutation.error && !hasFieldErrors && <ApiErrorAlert error={mutation.error} />}
      <RatingInput value={rating} onChange={setRating} error={fieldErrors.rating?.[0]} />
      <FormField
        label="Title"
        name="title"
        required
        maxLength={120}
        defaultValue={existing?.title}
        placeholder="Sum it up in a few words"
        errors={fieldErrors.title}
      />
      <div className="grid gap-2">
        <Label htmlFor="review-body">Your review</Label>
        <textarea
          id="review-body"
          name="body"
          required
          rows={5}
          maxLength={5000}
          defaultValue={existing?.body}
          placeholder="What did you like or dislike? At least 10 characters."
          aria-invalid={fieldErrors.body ? true : undefined}
          aria-describedby={fieldErrors.body ? "review-body-error" : undefined}
          className="w-full min-w-0 rounded-md border border-input bg-card px-3 py-2 text-base shadow-xs placeholder:text-muted-foreground focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/40 aria-invalid:border-destructive sm:text-sm"
        />
        {fieldErrors.body && (
          <p id="review-body-error" className="text-sm text-destructive">
            {fieldErrors.body[0]}
          </p>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : existing ? "Save changes" : "Publish review"}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel} disabled={mutation.isPending}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

/** Five radio buttons drawn as stars; arrow keys move between them as in any radio group. */
function RatingInput({ value, onChange, error }: { value: number; onChange: (n: number) => void; error?: string }) {
  return (
    <fieldset className="grid gap-2" aria-describedby={error ? "rating-error" : undefined}>
      <legend className="mb-2 text-sm font-medium">Rating</legend>
      <div className="flex gap-1">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="relative cursor-pointer">
            <input
              type="radio"
              name="rating"
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
              // Transparent over the star: the real, focusable and clickable control.
              className="peer absolute inset-0 size-full cursor-pointer opacity-0"
            />
            <span className="block rounded-md p-0.5 peer-focus-visible:outline-2 peer-focus-visible:outline-ring">
              <Star
                aria-hidden
                className={cn(
                  "size-7 transition-colors",
                  n <= value
                    ? "fill-amber-500 text-amber-500 dark:fill-amber-400 dark:text-amber-400"
                    : "text-muted-foreground",
                )}
              />
            </span>
            <span className="sr-only">{n === 1 ? "1 star" : `${n} stars`}</span>
          </label>
        ))}
      </div>
      {error && (
        <p id="rating-error" className="text-sm text-destructive">
          {error}
        </p>
      )}
    </fieldset>
  );
}
