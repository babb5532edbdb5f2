import { TRPCError } from "@trpc/server";
import { ChevronLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { LocalTime } from "~/app/_components/catalog/local-time";
import { api } from "~/app/_trpc/server";
import { HELP_CENTRE_ORIGIN } from "~/server/knowledge/knowledge.schemas";
import { CitedPassage } from "./cited-passage";
import { DocumentBody } from "./document-body";
import { PassageWindowNav } from "./passage-window-nav";

interface DocumentPageProps {
  params: Promise<{ documentId: string }>;
  searchParams: Promise<{ passage?: string | string[] }>;
}

/** `?passage=12` (a citation's window); anything else opens the document at its start. */
const positionOf = (value: string | string[] | undefined) =>
  typeof value === "string" && /^\d{1,7}$/.test(value) ? Number(value) : undefined;

/** One lookup per request for the metadata and the page; unknown or not-ready documents are a 404. */
const loadDocument = cache(async (documentId: string, position: number | undefined) =>
  api.knowledge.document({ documentId, position }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }),
);

const load = async ({ params, searchParams }: DocumentPageProps) =>
  loadDocument((await params).documentId, positionOf((await searchParams).passage));

export async function generateMetadata(props: DocumentPageProps): Promise<Metadata> {
  return { title: (await load(props)).title };
}

export default async function HelpDocumentPage(props: DocumentPageProps) {
  const document = await load(props);
  const updated = document.indexedAt ?? document.updatedAt;
  const isMarkdown = document.origin === HELP_CENTRE_ORIGIN || document.mimeType === "text/markdown";

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
      <PassageWindowNav document={document} edge="before" />
      <DocumentBody title={document.title} passages={document.chunks} markdown={isMarkdown} />
      <PassageWindowNav document={document} edge="after" />
      <CitedPassage key={document.windowStart} />
    </article>
  );
}
