import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import type { ComponentProps } from "react";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import Markdown, { defaultUrlTransform, type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { layoutDocument, mendSplitTables, type DocumentSection, type Passage } from "./document-layout";
import { plainTextTree, rehypePassages } from "./passage-marks";

/** Links a document may carry: web pages, mail, and relative or in-page addresses. */
const ALLOWED_PROTOCOL = /^(https?|mailto)$/i;

function safeUrl(url: string): string {
  const safe = defaultUrlTransform(url);
  const colon = safe.search(/[:/?#]/);
  return colon >= 0 && safe[colon] === ":" && !ALLOWED_PROTOCOL.test(safe.slice(0, colon)) ? "" : safe;
}

function DocumentLink({ href, children }: ComponentProps<"a">) {
  if (!href) return <span>{children}</span>;
  const external = /^(https?:)?\/\//i.test(href);
  return (
    <a
      href={href}
      className="font-medium text-primary underline underline-offset-2"
      {...(external && { rel: "noopener noreferrer", target: "_blank" })}
    >
      {children}
    </a>
  );
}

/** Uploaded text is untrusted: no raw HTML (skipped), no images fetched from anywhere (their alt text stays). */
const components: Components = {
  a: ({ href, children }) => <DocumentLink href={href}>{children}</DocumentLink>,
  img: ({ alt }) => (alt ? <span>{alt}</span> : null),
};

/** Typography for rendered Markdown; cited text gets its highlight from CitedPassage's data-cited. */
const PROSE = [
  "grid gap-4 leading-relaxed",
  "[&_ul]:list-disc [&_ul]:pl-6 [&_ol]:list-decimal [&_ol]:pl-6 [&_li]:mt-1 [&_li]:pl-1",
  "[&_strong]:font-semibold [&_code]:rounded [&_code]:bg-muted [&_code]:px-1 [&_code]:text-sm",
  "[&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-muted [&_pre]:p-3 [&_blockquote]:border-l-2 [&_blockquote]:pl-4",
  "[&_table]:w-full [&_table]:border-collapse [&_table]:text-sm [&_th]:border-b [&_th]:px-2 [&_th]:py-1.5",
  "[&_td]:border-b [&_td]:px-2 [&_td]:py-1.5 [&_th]:font-semibold",
  "[&_[data-cited]]:rounded-sm [&_[data-cited]]:bg-primary/15 [&_[data-cited]]:box-decoration-clone",
  "[&_:target]:bg-primary/15",
].join(" ");

function SectionText({ section, markdown }: { section: DocumentSection; markdown: boolean }) {
  if (!markdown) return toJsxRuntime(plainTextTree(section.text, section.passages), { Fragment, jsx, jsxs });
  return (
    <Markdown
      skipHtml
      remarkPlugins={[remarkGfm]}
      rehypePlugins={[[rehypePassages, { ranges: section.passages }]]}
      urlTransform={safeUrl}
      components={components}
    >
      {mendSplitTables(section.text)}
    </Markdown>
  );
}

const HEADING_CLASS = {
  2: "mt-4 text-2xl font-semibold tracking-tight",
  3: "mt-2 text-xl font-semibold",
  4: "text-lg font-semibold",
  5: "font-semibold",
  6: "font-semibold text-muted-foreground",
} as const;

/**
 * A window of a document's passages as one text to read: section headings where a section starts,
 * Markdown rendered (help articles and Markdown uploads; other uploads as plain paragraphs), each
 * overlap once, passage anchors invisible but there for citations.
 */
export function DocumentBody({
  title,
  passages,
  markdown,
}: {
  title: string;
  passages: readonly Passage[];
  markdown: boolean;
}) {
  return (
    <div className={PROSE}>
      {layoutDocument(title, passages).map((section) => (
        <section key={section.passages[0]!.position} className="grid gap-4">
          {section.headings.map(({ level, text }) => {
            const Heading = `h${level}` as const;
            return (
              <Heading key={`${level}-${text}`} className={HEADING_CLASS[level]}>
                {text}
              </Heading>
            );
          })}
          <SectionText section={section} markdown={markdown} />
        </section>
      ))}
    </div>
  );
}
