import { TRPCError } from "@trpc/server";
import { ChevronLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { LocalTime } from "~/app/_components/catalog/local-time";
import { cn } from "~/app/_lib/cn";
import { api } from "~/app/_trpc/server";
import { HELP_CENTRE_ORIGIN, passageAnchor } from "~/server/knowledge/knowledge.schemas";
import { CitedPassage } from "./cited-passage";
import { splitOverlap } from "./overlap";

interface DocumentPageProps {
  params: Promise<{ documentId: string }>;
}

/** One lookup per request for the metadata and the page; unknown or not-ready documents are a 404. */
const loadDocument = cache(async (documentId: string) =>
  api.knowledge.document({ documentId }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }),
);

export async function generateMetadata({ params }: DocumentPageProps): Promise<Metadata> {
  const document = await loadDocument((await params).documentId);
  return { title: document.title };
}

export default async function HelpDocumentPage({ params }: DocumentPageProps) {
  const document = await loadDocument((await params).documentId);
  const updated = document.indexedAt ?? document.updatedAt;

  return (
    <article className="mx-auto grid w-full max-w-3xl gap-6 px-4 py-8 sm:px-6 sm:py-10">
      <nav aria-label="Breadcrumb">
        <Link
          href="/help"
          className="inline-flex items-center gap-1 text-sm text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
        >
          <ChevronLeft aria-hidden className="size-4" />
          Help centre
        </Link>
      </nav>
      <header className="grid gap-2">
        <h1 className="text-3xl font-semibold tracking-tight text-balance">{document.title}</h1>
        <p className="text-sm text-muted-foreground">
          {document.origin === HELP_CENTRE_ORIGIN ? "Help article" : "Document"} · Updated{" "}
          <LocalTime value={updated} options={{ dateStyle: "medium" }} />
        </p>
      </header>
      <ol aria-label="Passages" className="grid gap-2">
        {document.chunks.map((chunk, index) => {
          const previous = document.chunks[index - 1];
          const [repeated, text] = splitOverlap(previous, chunk);
          return (
            <li
              key={chunk.position}
              id={passageAnchor(chunk.position)}
              tabIndex={-1}
              className="group grid scroll-mt-24 gap-1.5 rounded-lg border border-transparent p-3 transition-colors outline-none target:border-primary/50 target:bg-accent/60 data-cited:border-primary/50 data-cited:bg-accent/60 sm:p-4"
            >
              {chunk.heading && (
                // Shown where a section starts, and on a cited passage wherever it is.
                <p
                  className={cn(
                    "text-xs font-medium tracking-wide text-muted-foreground",
                    chunk.heading === previous?.heading && "hidden group-target:block group-data-cited:block",
                  )}
                >
                  {chunk.heading}
                </p>
              )}
              <div className="leading-relaxed whitespace-pre-line">
                {repeated && (
                  <span className="text-muted-foreground" title="Repeated from the passage before">
                    {repeated}
                    {"\n\n"}
                  </span>
                )}
                {text}
              </div>
              <a
                href={`#${passageAnchor(chunk.position)}`}
                className="justify-self-start text-xs text-muted-foreground underline-offset-4 hover:underline"
              >
                Passage {chunk.position + 1}
                {chunk.heading && <span className="sr-only"> of {chunk.heading}</span>}
              </a>
            </li>
          );
        })}
      </ol>
      <CitedPassage />
    </article>
  );
}
