import "server-only";
import { fileTypeFromBuffer } from "file-type";
import { getEnv } from "../env";
import { PayloadTooLargeError, UnsupportedTypeError, ValidationError } from "../errors";
import { formatMegabytes, MEGABYTE, type KnowledgeMimeType } from "./knowledge.schemas";

/**
 * What an upload is, judged by its bytes: binary signatures (file-type) first, where only PDF
 * passes; anything else must be UTF-8 text without NUL bytes. HTML is recognised by its
 * document tags; the file name only chooses between Markdown and plain text (and lets an HTML
 * fragment saved as .html count as HTML), so a PNG renamed .md is still a PNG.
 */

export const WHAT_TO_UPLOAD = "upload Markdown, plain text, HTML or PDF";

export function uploadLimitBytes(): number {
  return getEnv().KNOWLEDGE_MAX_UPLOAD_MB * MEGABYTE;
}

/** Refuses empty and oversized uploads, naming the size and the limit. */
export function checkUploadSize(sizeBytes: number, limitBytes = uploadLimitBytes()) {
  if (sizeBytes === 0)
    throw new ValidationError("FILE_EMPTY", "This file is empty; choose a file with some text in it.", "file");
  if (sizeBytes > limitBytes)
    throw new PayloadTooLargeError(
      "FILE_TOO_LARGE",
      `This file is ${formatMegabytes(sizeBytes)}; the limit is ${formatMegabytes(limitBytes)}.`,
      { field: "file", sizeBytes, limitBytes },
    );
}

/** Common signatures by the name a person knows them by; others fall back to their extension. */
const KNOWN_FORMATS: Record<string, string> = {
  png: "a PNG image",
  jpg: "a JPEG image",
  gif: "a GIF image",
  webp: "a WebP image",
  avif: "an AVIF image",
  heic: "a HEIC photo",
  bmp: "a bitmap image",
  ico: "an icon",
  zip: "a ZIP archive",
  gz: "a gzip archive",
  "7z": "a 7-Zip archive",
  rar: "a RAR archive",
  tar: "a tar archive",
  exe: "a Windows program",
  elf: "a Linux program",
  docx: "a Word document",
  doc: "a Word document",
  xlsx: "an Excel workbook",
  pptx: "a PowerPoint presentation",
  odt: "an OpenDocument text",
  epub: "an e-book (EPUB)",
  rtf: "a rich-text (RTF) document",
  xml: "an XML file",
  mp3: "an MP3 audio file",
  mp4: "an MP4 video",
  sqlite: "a SQLite database",
};

function describeFormat({ ext, mime }: { ext: string; mime: string }): string {
  const known = KNOWN_FORMATS[ext];
  if (known) return known;
  const kind = mime.split("/")[0];
  const noun = kind === "image" || kind === "audio" || kind === "video" ? `${kind} file` : "file";
  return `a ${ext.toUpperCase()} ${noun}`;
}

const unsupported = (what: string, context: Record<string, unknown> = {}) =>
  new UnsupportedTypeError("UNSUPPORTED_FILE_TYPE", `This looks like ${what}; ${WHAT_TO_UPLOAD}.`, {
    field: "file",
    ...context,
  });

/** A whole HTML document: doctype, html, head or body first, after whitespace, comments or an XML prolog. */
const HTML_DOCUMENT = /^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*\?>)*<(?:!doctype\s+html|html|head|body)[\s>]/i;
/** Starts with a tag: an HTML fragment, taken as HTML only when named .html / .htm. */
const STARTS_WITH_TAG = /^\s*<[a-z]/i;

const extensionOf = (fileName: string) => /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";

export interface SniffedUpload {
  mimeType: KnowledgeMimeType;
  /** The decoded text of a text type (null for PDF). */
  text: string | null;
}

/** The knowledge type of an upload's bytes, or an error that says what it looks like instead. */
export async function sniffKnowledgeType(bytes: Uint8Array, fileName: string): Promise<SniffedUpload> {
  const signature = await fileTypeFromBuffer(bytes);
  if (signature?.mime === "application/pdf") return { mimeType: "application/pdf", text: null };
  // XML has a signature too, but an XHTML page starts with one: let the text checks decide.
  if (signature && signature.ext !== "xml") throw unsupported(describeFormat(signature), { detected: signature.mime });

  if (bytes.includes(0)) throw unsupported("a binary file, not text", { detected: "binary" });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UnsupportedTypeError(
      "NOT_UTF8",
      "This file is not UTF-8 text; save it as UTF-8 (or export it as PDF) and upload it again.",
      { field: "file" },
    );
  }

  const head = text.slice(0, 4096);
  if (HTML_DOCUMENT.test(head)) return { mimeType: "text/html", text };
  if (signature) throw unsupported(describeFormat(signature), { detected: signature.mime });
  const extension = extensionOf(fileName);
  if (/^\s*<svg[\s>]/i.test(head)) throw unsupported("an SVG image", { detected: "image/svg+xml" });
  if ((extension === "html" || extension === "htm") && STARTS_WITH_TAG.test(head))
    return { mimeType: "text/html", text };
  return { mimeType: extension === "md" || extension === "markdown" ? "text/markdown" : "text/plain", text };
}
