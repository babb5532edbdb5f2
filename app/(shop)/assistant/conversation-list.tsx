"use client";

import { CONVERSATIONS_PAGE_SIZE } from "~/server/chat/chat.schemas";
import { MessageSquarePlus, Pencil, Trash2 } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { ConfirmAction } from "~/app/_components/ui/confirm-action";
import { Button } from "~/app/_components/ui/button";
import { fieldErrorsOf } from "~/app/_lib/api-errors";
import { cn } from "~/app/_lib/cn";
import { api } from "~/app/_trpc/react";

/** The signed-in shopper's conversations, newest first: open, rename, delete. */
export function ConversationList({ currentId }: { currentId: string }) {
  const list = api.conversations.list.useInfiniteQuery(
    { limit: CONVERSATIONS_PAGE_SIZE },
    { getNextPageParam: (last) => last.nextCursor },
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    // One column that may shrink (minmax(0, 1fr)): a long title is cut, never the buttons beside it.
    <nav aria-label="Conversations" className="grid grid-cols-1 content-start gap-2">
      <Button asChild variant="outline">
        <Link href="/assistant">
          <MessageSquarePlus aria-hidden /> New chat
        </Link>
      </Button>
      {list.isError && !list.data && <ApiErrorAlert error={list.error} />}
      {list.isPending ? (
        <div aria-busy="true" aria-label="Loading conversations" className="h-24 animate-pulse rounded-md bg-muted" />
      ) : items.length === 0 ? (
        <p className="px-1 text-sm text-muted-foreground">Your conversations will be listed here.</p>
      ) : (
        <ul className="grid grid-cols-1 gap-1">
          {items.map((c) => (
            <ConversationItem key={c.id} id={c.id} title={c.title} current={c.id === currentId} />
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <Button variant="ghost" size="sm" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {list.isFetchingNextPage ? "Loading…" : "Older conversations"}
        </Button>
      )}
    </nav>
  );
}

function ConversationItem({ id, title, current }: { id: string; title: string; current: boolean }) {
  const router = useRouter();
  const utils = api.useUtils();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(title);
  const rename = api.conversations.rename.useMutation({
    onSuccess: () => {
      setEditing(false);
      void utils.conversations.list.invalidate();
    },
  });
  const remove = api.conversations.delete.useMutation({
    onSuccess: () => {
      void utils.conversations.list.invalidate();
      if (current) router.push("/assistant");
    },
  });

  if (editing)
    return (
      <li>
        <form
          className="grid gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            rename.mutate({ conversationId: id, title: draft });
          }}
        >
          <label className="sr-only" htmlFor={`title-${id}`}>
            Conversation title
          </label>
          <input
            id={`title-${id}`}
            autoFocus
            value={draft}
            maxLength={120}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => e.key === "Escape" && setEditing(false)}
            aria-invalid={!!rename.error}
            className="h-9 rounded-md border border-input bg-card px-2 text-sm"
          />
          {rename.error && (
            <p className="text-xs text-destructive">{fieldErrorsOf(rename.error).title?.[0] ?? rename.error.message}</p>
          )}
          <div className="flex gap-1">
            <Button type="submit" size="sm" disabled={rename.isPending}>
              Save
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      </li>
    );

  return (
    <li className={cn("group flex items-center gap-1 rounded-md", current && "bg-muted")}>
      <Link
        href={`/assistant/${id}` as Route}
        aria-current={current ? "page" : undefined}
        title={title}
        className="min-w-0 flex-1 truncate px-2 py-2 text-sm hover:underline"
      >
        {title}
      </Link>
      <Button
        variant="ghost"
        size="icon"
        className="size-8 shrink-0"
        aria-label={`Rename “${title}”`}
        onClick={() => {
          setDraft(title);
          setEditing(true);
        }}
      >
        <Pencil aria-hidden />
      </Button>
      <span className="shrink-0">
        <ConfirmAction
          icon={Trash2}
          ariaLabel={`Delete “${title}”`}
          triggerVariant="ghost"
          triggerSize="sm"
          pending={remove.isPending}
          title="Delete this conversation?"
          description={`“${title}” and its messages will be deleted for good.`}
          confirmLabel="Delete"
          destructive
          onConfirm={() => remove.mutate({ conversationId: id })}
        />
      </span>
    </li>
  );
}
