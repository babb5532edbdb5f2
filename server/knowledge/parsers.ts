import "server-only";
import { markdownBlocks, type Block } from "./chunking";
import { htmlBlocks } from "./html-blocks";
import type { KnowledgeMimeType } from "./knowledge.schemas";
import { pdfBlocks } from "./pdf-blocks";

/** Thrown when a document yields no text (e.g. a PDF of scanned pages): indexing it would find nothing. */
export class NoTextError extends Error {
  constructor(mimeType: string) {
    super(
      mimeType === "application/pdf"
        ? "No text found in this PDF (scanned pages need text recognition first); upload a PDF with selectable text."
        : "No text found in this document; upload one with some text.",
    );
    this.name = "NoTextError";
  }
}

/**
 * A stored document → paragraphs under their heading paths, by its (sniffed) type. Text types
 * may arrive as a string (help-centre content) or bytes (an uploaded file, UTF-8 checked on
 * upload). Markdown and plain text share the Markdown reader: plain text simply has no headings.
 */
export async function parseDocument(
  source: string | Uint8Array,
  mimeType: KnowledgeMimeType | (string & {}),
  title: string,
): Promise<Block[]> {
  const text = () => (typeof source === "string" ? source : new TextDecoder().decode(source));
  let blocks: Block[];
  switch (mimeType) {
    case "text/markdown":
    case "text/plain":
      blocks = markdownBlocks(text(), title);
      break;
    case "text/html":
      blocks = await htmlBlocks(text(), title);
      break;
    case "application/pdf":
      if (typeof source === "string") throw new Error("A PDF must be read as bytes.");
      blocks = await pdfBlocks(source, title);
      break;
    default:
      throw new Error(`Cannot parse documents of type ${mimeType}.`);
  }
  if (!blocks.length) throw new NoTextError(mimeType);
  return blocks;
}
