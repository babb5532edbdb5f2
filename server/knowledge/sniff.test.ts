import { afterEach, describe, expect, it } from "vitest";
import { reloadEnv } from "../env";
import { PayloadTooLargeError, UnsupportedTypeError, ValidationError } from "../errors";
import { makePdf } from "./fixtures/make-pdf";
import { formatMegabytes } from "./knowledge.schemas";
import { checkUploadSize, sniffKnowledgeType, uploadLimitBytes } from "./sniff";

const text = (value: string) => new TextEncoder().encode(value);
const bytes = (...values: number[]) => Uint8Array.from(values);

const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1);
const ZIP = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, ...new Array<number>(30).fill(0));

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe("sniffing an upload's type from its bytes", () => {
  it("accepts a real PDF whatever its name", async () => {
    expect(await sniffKnowledgeType(makePdf([["Hello"]]), "notes.md")).toEqual({
      mimeType: "application/pdf",
      text: null,
    });
  });

  it("rejects a PNG named .md, saying what it looks like and what to upload", async () => {
    const error = await refusal(sniffKnowledgeType(PNG, "returns.md"));
    expect(error).toBeInstanceOf(UnsupportedTypeError);
    expect(error).toMatchObject({
      code: "UNSUPPORTED_FILE_TYPE",
      message: "This looks like a PNG image; upload Markdown, plain text, HTML or PDF.",
      context: { field: "file", detected: "image/png" },
    });
  });

  it("rejects archives, XML and SVG", async () => {
    expect(await refusal(sniffKnowledgeType(ZIP, "faq.txt"))).toMatchObject({ message: /a ZIP archive/ });
    const xml = text('<?xml version="1.0"?><feed><entry/></feed>');
    expect(await refusal(sniffKnowledgeType(xml, "feed.txt"))).toMatchObject({ message: /an XML file/ });
    const svg = text('<svg xmlns="http://www.w3.org/2000/svg"><text>Hi</text></svg>');
    expect(await refusal(sniffKnowledgeType(svg, "logo.html"))).toMatchObject({ message: /an SVG image/ });
  });

  it("rejects text that is not UTF-8, and binary data with NUL bytes", async () => {
    const latin1 = bytes(...text("Caf"), 0xe9, ...text(" au lait"));
    expect(await refusal(sniffKnowledgeType(latin1, "menu.txt"))).toMatchObject({
      code: "NOT_UTF8",
      message: "This file is not UTF-8 text; save it as UTF-8 (or export it as PDF) and upload it again.",
    });
    const withNul = bytes(...text("# Title\n"), 0, ...text("more"));
    expect(await refusal(sniffKnowledgeType(withNul, "doc.md"))).toMatchObject({
      code: "UNSUPPORTED_FILE_TYPE",
      message: /binary file/,
    });
  });

  it("recognises HTML by its content, not its name", async () => {
    const page = "\n<!-- saved page -->\n<!DOCTYPE html><html><body><p>Hi</p></body></html>";
    expect((await sniffKnowledgeType(text(page), "page.txt")).mimeType).toBe("text/html");
    expect((await sniffKnowledgeType(text("<HTML lang=en><p>x</p></HTML>"), "x.md")).mimeType).toBe("text/html");
    const xhtml = '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>';
    expect((await sniffKnowledgeType(text(xhtml), "x.xhtml")).mimeType).toBe("text/html");
    // Markdown may start with inline HTML; only whole documents (or fragments named .html) are HTML.
    const readme = '<p align="center">Logo</p>\n\n# Shop';
    expect((await sniffKnowledgeType(text(readme), "README.md")).mimeType).toBe("text/markdown");
    expect((await sniffKnowledgeType(text("<p>Fragment</p>"), "part.html")).mimeType).toBe("text/html");
  });

  it("lets the extension choose only between Markdown and plain text", async () => {
    const body = text("\uFEFF# Returns\n\nWithin 30 days.");
    expect(await sniffKnowledgeType(body, "returns.markdown")).toEqual({
      mimeType: "text/markdown",
      text: "# Returns\n\nWithin 30 days.",
    });
    expect((await sniffKnowledgeType(body, "returns.txt")).mimeType).toBe("text/plain");
    expect((await sniffKnowledgeType(body, "returns")).mimeType).toBe("text/plain");
    expect((await sniffKnowledgeType(body, "returns.pdf")).mimeType).toBe("text/plain");
  });
});

describe("upload size", () => {
  afterEach(() => {
    delete process.env.KNOWLEDGE_MAX_UPLOAD_MB;
    reloadEnv();
  });

  it("takes its limit from KNOWLEDGE_MAX_UPLOAD_MB, 10 MB by default", () => {
    expect(uploadLimitBytes()).toBe(10 * 1024 * 1024);
    process.env.KNOWLEDGE_MAX_UPLOAD_MB = "2";
    reloadEnv();
    expect(uploadLimitBytes()).toBe(2 * 1024 * 1024);
  });

  it("refuses empty and oversized files with the size and the limit", () => {
    expect(() => checkUploadSize(0)).toThrow(ValidationError);
    expect(() => checkUploadSize(0)).toThrow("This file is empty; choose a file with some text in it.");
    const size = Math.round(14.2 * 1024 * 1024);
    expect(() => checkUploadSize(size)).toThrow(PayloadTooLargeError);
    expect(() => checkUploadSize(size)).toThrow("This file is 14.2 MB; the limit is 10 MB.");
    expect(() => checkUploadSize(10 * 1024 * 1024)).not.toThrow();
    expect(formatMegabytes(1.5 * 1024 * 1024)).toBe("1.5 MB");
  });
});
