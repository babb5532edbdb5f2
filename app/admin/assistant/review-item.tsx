"use client";

import { ThumbsDown, ThumbsUp } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { Badge } from "~/app/_components/admin/badge";
import { formatMoment } from "~/app/_components/admin/format";
import type { RouterOutputs } from "~/app/_trpc/react";

type ReviewedTurn = RouterOutputs["admin"]["assistant"]["list"]["items"][number];
type Passage = ReviewedTurn["passages"][number];

/** Answers are Markdown; the list shows them as plain text. */
const plain = (markdown: string) => markdown.replace(/(\*\*|__)(.+?)\1/g, "$2");

const passageLabel = (p: Pick<Passage, "title" | "heading">) =>
  p.heading && p.heading !== p.title ? p.heading : p.title;

/** One answer to review: what was asked and answered, the shopper's verdict, and what was found. */
export function ReviewItem({ item }: { item: ReviewedTurn }) {
  return (
    <li aria-label={item.question} className="grid gap-3 rounded-xl border bg-card p-4 text-sm shadow-sm">
      <div className="flex flex-wrap items-center gap-2">
        {item.refused && <Badge tone="danger">Refused</Badge>}
        {item.answeredNow && <Badge tone="success">Answered now</Badge>}
        {item.rating === "down" && (
          <Badge tone="danger" className="gap-1">
            <ThumbsDown aria-hidden className="size-3" /> Rated down
          </Badge>
        )}
        {item.rating === "up" && (
          <Badge tone="success" className="gap-1">
            <ThumbsUp aria-hidden className="size-3" /> Rated up
          </Badge>
        )}
        <span className="ml-auto text-xs text-muted-foreground">
          <time dateTime={item.createdAt.toISOString()}>{formatMoment(item.createdAt)}</time>
          {" · "}
          {item.signedIn ? "signed-in shopper" : "visitor"} · {item.modelId}
        </span>
      </div>
      <h2 className="text-base font-medium break-words">{item.question}</h2>
      <blockquote className="border-l-2 pl-3 break-words whitespace-pre-wrap text-muted-foreground">
        {plain(item.answer)}
      </blockquote>
      {item.ratingReason && (
        <p className="break-words">
          <span className="font-medium">Shopper’s reason:</span> {item.ratingReason}
        </p>
      )}
      {item.answeredNow && (
        <div className="grid gap-1 rounded-md bg-success/10 p-3">
          <p className="font-medium">Today’s help content answers it:</p>
          <p className="break-words text-muted-foreground">{plain(item.answeredNow.answer)}</p>
          {item.answeredNow.passage && (
            <p>
              Quoting{" "}
              <Link
                href={item.answeredNow.passage.href as Route}
                className="text-primary underline-offset-4 hover:underline"
              >
                {passageLabel(item.answeredNow.passage)}
              </Link>
            </p>
          )}
        </div>
      )}
      <div className="grid gap-1">
        <p className="text-xs font-medium text-muted-foreground">
          {item.passages.length ? "Passages retrieved" : "No passages were retrieved"}
        </p>
        {item.passages.length > 0 && (
          <ol aria-label="Passages retrieved" className="grid gap-0.5 text-xs">
            {item.passages.map((p, i) => (
              <li key={`${p.href}-${i}`}>
                <Link
                  href={p.href as Route}
                  className="inline-flex min-h-6 items-center text-primary underline-offset-4 hover:underline"
                >
                  {i + 1}. {passageLabel(p)}
                </Link>
                {p.kind === "product" && <span className="text-muted-foreground"> (product)</span>}
              </li>
            ))}
          </ol>
        )}
      </div>
    </li>
  );
}
