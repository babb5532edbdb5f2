import { BookOpen, ChevronRight, MessageCircleQuestion } from "lucide-react";
import type { Metadata, Route } from "next";
import Link from "next/link";
import { Button } from "~/app/_components/ui/button";
import { api } from "~/app/_trpc/server";
import { HELP_CENTRE_ORIGIN } from "~/server/knowledge/knowledge.schemas";

export const metadata: Metadata = {
  title: "Help centre",
  description: "Shipping, returns, warranty, payment and more: the documents Shopwise's assistant answers from.",
};

type PublishedDocument = Awaited<ReturnType<typeof api.knowledge.documents>>[number];

export default async function HelpIndexPage() {
  const documents = await api.knowledge.documents();
  const helpCentre = documents.filter((d) => d.origin === HELP_CENTRE_ORIGIN);
  const uploaded = documents.filter((d) => d.origin !== HELP_CENTRE_ORIGIN);

  return (
    <div className="mx-auto grid w-full max-w-3xl gap-8 px-4 py-8 sm:px-6 sm:py-10">
      <div className="grid gap-3">
        <h1 className="text-3xl font-semibold tracking-tight">Help centre</h1>
        <p className="text-muted-foreground">
          Everything about shipping, returns, payment and your account. The assistant answers from these documents and
          links to the passage it used.
        </p>
        <Button asChild variant="outline" className="justify-self-start">
          <Link href="/assistant">
            <MessageCircleQuestion aria-hidden />
            Ask the assistant
          </Link>
        </Button>
      </div>
      {documents.length === 0 ? (
        <p className="rounded-xl border bg-card p-6 text-muted-foreground">
          No documents are ready yet. They appear here as soon as they are indexed.
        </p>
      ) : (
        <>
          <DocumentSection title="Help articles" documents={helpCentre} />
          <DocumentSection title="More documents" documents={uploaded} />
        </>
      )}
    </div>
  );
}

function DocumentSection({ title, documents }: { title: string; documents: PublishedDocument[] }) {
  if (!documents.length) return null;
  const headingId = `help-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={headingId} className="grid gap-3">
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      <ul className="grid gap-2">
        {documents.map((document) => (
          <li key={document.id}>
            <Link
              href={`/help/${document.id}` as Route}
              className="flex items-center gap-3 rounded-xl border bg-card p-4 shadow-sm transition-colors hover:bg-muted/50"
            >
              <BookOpen aria-hidden className="size-5 shrink-0 text-primary" />
              <span className="min-w-0 flex-1 font-medium">{document.title}</span>
              <ChevronRight aria-hidden className="size-4 shrink-0 text-muted-foreground" />
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
