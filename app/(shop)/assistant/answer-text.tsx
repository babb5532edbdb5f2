"use client";

import Link from "next/link";
import type { Route } from "next";
import Markdown from "react-markdown";

export interface Citation {
  n: number;
  url: string;
  title: string;
}

const CITATION = /\[(\d{1,2})\](?!\()/g;
const CITE_PREFIX = "#cite-";

/**
 * An answer's text as Markdown (no raw HTML), with each citation marker [n] turned into a link
 * to source n — the document at the cited passage, or the product page.
 */
export function AnswerText({ text, citations }: { text: string; citations: readonly Citation[] }) {
  const byNumber = new Map(citations.map((c) => [c.n, c]));
  // [2] → [[2]](#cite-2), which the link renderer below turns into the citation chip.
  const markdown = text.replace(CITATION, (marker, n: string) =>
    byNumber.has(Number(n)) ? `[${marker}](${CITE_PREFIX}${n})` : marker,
  );
  return (
    <div className="grid gap-2 leading-relaxed [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5">
      <Markdown
        skipHtml
        components={{
          a: ({ href, children }) => {
            const citation = href?.startsWith(CITE_PREFIX)
              ? byNumber.get(Number(href.slice(CITE_PREFIX.length)))
              : null;
            if (citation) return <CitationLink citation={citation} />;
            return href?.startsWith("/") ? (
              <Link href={href as Route} className="text-primary underline underline-offset-2">
                {children}
              </Link>
            ) : (
              <a href={href} rel="noopener noreferrer nofollow" target="_blank" className="text-primary underline">
                {children}
              </a>
            );
          },
        }}
      >
        {markdown}
      </Markdown>
    </div>
  );
}

export function CitationLink({ citation }: { citation: Citation }) {
  return (
    <Link
      href={citation.url as Route}
      aria-label={`Source ${citation.n}: ${citation.title}`}
      title={citation.title}
      // 24 px: the WCAG 2.2 minimum target size (2.5.8), inline in the text as it is.
      className="mx-0.5 inline-flex h-6 min-w-6 items-center justify-center rounded-full bg-primary/10 px-1.5 align-middle text-xs font-semibold text-primary no-underline hover:bg-primary/20"
    >
      {citation.n}
    </Link>
  );
}
