import { z } from "zod";
import { cursorPageInput, idInput, text, textOutput, timeOutput } from "../inputs";

/** The document types the knowledge base takes, as stored in `KnowledgeDocument.mimeType`. */
export const KNOWLEDGE_TYPES = {
  "text/markdown": { label: "Markdown", extension: "md" },
  "text/plain": { label: "Plain text", extension: "txt" },
  "text/html": { label: "HTML", extension: "html" },
  "application/pdf": { label: "PDF", extension: "pdf" },
} as const;

export type KnowledgeMimeType = keyof typeof KNOWLEDGE_TYPES;

export const isKnowledgeMimeType = (value: string): value is KnowledgeMimeType => value in KNOWLEDGE_TYPES;

/** The upload form's `accept`: a hint for the file picker; the server judges by content. */
export const KNOWLEDGE_UPLOAD_ACCEPT = ".md,.markdown,.txt,.html,.htm,.pdf";

/** Statuses after which nothing changes without a re-index (the back office stops polling). */
export const FINAL_KNOWLEDGE_STATUSES = ["READY", "FAILED"] as const;

/**
 * A queued or running indexing whose row has not moved for this long is taken as lost (the job
 * expires after 15 minutes, and a crashed worker never reports FAILED): it may be re-indexed.
 */
export const STALE_INDEXING_MS = 20 * 60 * 1000;

export const MEGABYTE = 1024 * 1024;

/** "14.2 MB" (one decimal), "10 MB" for whole numbers. */
export function formatMegabytes(bytes: number): string {
  const value = bytes / MEGABYTE;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} MB`;
}

/** Help-centre documents come from server/knowledge/corpus and are recreated at start-up. */
export const HELP_CENTRE_ORIGIN = "help-centre";
export const UPLOAD_ORIGIN = "upload";

export const knowledgeDocumentIdInput = z.strictObject({ documentId: idInput });

/** The name an uploaded file arrives with (multipart), stored in its title and audit entry. */
export const uploadFileNameInput = text({ max: 255, trim: false });

export const listKnowledgeDocumentsInput = cursorPageInput({ defaultLimit: 25, maxLimit: 100 });
export type ListKnowledgeDocumentsInput = z.infer<typeof listKnowledgeDocumentsInput>;

/** How many passages the document viewer shows at once, and how many of them before the cited one. */
export const PASSAGE_WINDOW = 30;
export const PASSAGES_BEFORE = 10;
/** Far above any document (a 4 MB upload is about 9,000 passages); keeps absurd numbers a 400. */
const MAX_PASSAGE_POSITION = 10_000_000;

/** A position past the document's end opens its last passages (clamped), as a stale link should. */
export const passagePositionInput = z.number().int().min(0).max(MAX_PASSAGE_POSITION);

/** The viewer's document: optionally opened around one passage (else at its start). */
export const publishedDocumentInput = z.strictObject({
  documentId: idInput,
  position: passagePositionInput.optional(),
});
export type PublishedDocumentInput = z.infer<typeof publishedDocumentInput>;

/** The id of a passage in the document viewer (passage positions count from 0). */
export const passageAnchor = (position: number) => `passage-${position}`;

/**
 * Where a citation of passage `position` opens: the viewer around that passage (the query picks
 * the window of passages the page renders) scrolled to and highlighting it (the fragment).
 */
export const passageHref = (documentId: string, position: number) =>
  `/help/${encodeURIComponent(documentId)}?passage=${position}#${passageAnchor(position)}`;

/** The viewer with the window of passages that starts at `start` (the earlier / later links). */
export const documentWindowHref = (documentId: string, start: number) =>
  `/help/${encodeURIComponent(documentId)}?passage=${start + PASSAGES_BEFORE}`;

/** A ready document as anyone may list it (the help centre and staff uploads the assistant cites). */
export const publishedDocumentSummaryOutput = z.object({
  id: textOutput,
  title: textOutput,
  /** "help-centre" (shipped with the app) or "upload". */
  origin: textOutput,
  mimeType: textOutput,
  chunkCount: z.number().int(),
  indexedAt: timeOutput.nullable(),
});

/** A document opened in the viewer: a window of passages, starting at `windowStart`. */
export const publishedDocumentOutput = publishedDocumentSummaryOutput.omit({ chunkCount: true }).extend({
  updatedAt: timeOutput,
  passageCount: z.number().int(),
  windowStart: z.number().int(),
  chunks: z.array(z.object({ position: z.number().int(), heading: textOutput, text: textOutput })),
});

/** Rows per page of the back office's knowledge table (the page prefetches the first). Here, not in the client component: a server page importing a constant from a
 * "use client" module gets a client reference, not the number. */
export const KNOWLEDGE_PAGE_SIZE = 25;
