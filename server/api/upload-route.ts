import "server-only";
import { readBodyWithin } from "./request-body";
import { requireSameOrigin } from "./same-origin";
import { createRouteContext } from "./trpc";
import { requireRole, requireSignedIn } from "../auth/roles";
import { AppError, errorResponse, PayloadTooLargeError, ValidationError } from "../errors";
import { formatMegabytes } from "../knowledge/knowledge.schemas";
import { checkUploadSize, uploadLimitBytes } from "../knowledge/sniff";
import { uploadKnowledgeDocument } from "../knowledge/upload";
import { getLogger } from "../observability/logger";

/**
 * POST /api/upload (multipart/form-data, field `file`): staff add a document to the knowledge
 * base. Identity first, then size (from Content-Length, then counted while reading, so a body
 * without a length cannot grow past the limit either), then the service judges the content.
 */

/** Room for the multipart boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

const invalidUpload = () =>
  new ValidationError("FILE_MISSING", "Choose a file to upload (multipart/form-data, field “file”).", "file");

async function readFormWithin(request: Request, limitBytes: number): Promise<FormData> {
  const tooLarge = (declaredBytes?: number) => {
    // A declared size gets the precise message ("This file is 14.2 MB; …"): this throws it.
    if (declaredBytes !== undefined) checkUploadSize(declaredBytes - MULTIPART_OVERHEAD_BYTES, limitBytes);
    return new PayloadTooLargeError(
      "FILE_TOO_LARGE",
      `This file is over the ${formatMegabytes(limitBytes)} limit; upload a smaller file.`,
      { field: "file", limitBytes },
    );
  };
  const body = await readBodyWithin(request, limitBytes + MULTIPART_OVERHEAD_BYTES, tooLarge);
  const contentType = request.headers.get("content-type") ?? "";
  try {
    return await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw invalidUpload();
  }
}

export async function handleUploadRequest(request: Request): Promise<Response> {
  try {
    requireSameOrigin(request.method, request.headers);
    // The context a tRPC procedure gets (caller, client address, logger naming the user); staff only.
    const base = await createRouteContext(request.headers, "backoffice:write");
    const ctx = { ...base, user: requireSignedIn(base.user) };
    requireRole(ctx.user, "STAFF");

    const form = await readFormWithin(request, uploadLimitBytes());
    const file = form.get("file");
    if (!(file instanceof File)) throw invalidUpload();

    const document = await uploadKnowledgeDocument(ctx, {
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    return Response.json({ document }, { status: 201 });
  } catch (error) {
    // Refusals are expected (the request line says 4xx); this line says which one and why.
    if (error instanceof AppError) getLogger().info({ appCode: error.code, details: error.context }, "upload refused");
    return errorResponse(error);
  }
}
