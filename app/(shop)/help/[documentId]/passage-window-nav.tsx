import { ChevronDown, ChevronUp } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { documentWindowHref, PASSAGE_WINDOW } from "~/server/knowledge/knowledge.schemas";

interface WindowedDocument {
  id: string;
  windowStart: number;
  passageCount: number;
  chunks: readonly unknown[];
}

const linkClass =
  "inline-flex min-h-6 items-center gap-1 text-sm font-medium text-primary underline-offset-4 hover:underline";

/**
 * A long document is shown PASSAGE_WINDOW passages at a time: the links above and below move to
 * the window before or after (server-rendered, so they work without JavaScript and can be shared).
 */
export function PassageWindowNav({ document, edge }: { document: WindowedDocument; edge: "before" | "after" }) {
  const { id, windowStart, passageCount, chunks } = document;
  const windowEnd = windowStart + chunks.length;
  if (edge === "before" ? windowStart === 0 : windowEnd >= passageCount) return null;
  const format = (n: number) => n.toLocaleString("en-US");
  return (
    <nav aria-label={edge === "before" ? "Earlier in this document" : "Later in this document"}>
      <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-muted-foreground">
        {edge === "before" ? (
          <Link href={documentWindowHref(id, Math.max(0, windowStart - PASSAGE_WINDOW)) as Route} className={linkClass}>
            <ChevronUp aria-hidden className="size-4" />
            Earlier passages
          </Link>
        ) : (
          <Link href={documentWindowHref(id, windowEnd) as Route} className={linkClass}>
            <ChevronDown aria-hidden className="size-4" />
            Later passages
          </Link>
        )}
        <span>
          Showing passages {format(windowStart + 1)}–{format(windowEnd)} of {format(passageCount)}
        </span>
      </p>
    </nav>
  );
}
