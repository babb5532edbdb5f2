import "server-only";
import { PayloadTooLargeError, ValidationError } from "../errors";

/**
 * A request body of at most `maxBytes`: refused from Content-Length when it says more (the
 * error gets the declared size), and counted while it streams otherwise, so no client makes
 * the server buffer more than that.
 */
export async function readBodyWithin(
  request: Request,
  maxBytes: number,
  tooLarge: (declaredBytes?: number) => Error,
): Promise<Buffer<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge(declared);
  const chunks: Uint8Array[] = [];
  let received = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      received += next.value.byteLength;
      if (received > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(next.value);
    }
  }
  return Buffer.concat(chunks) as Buffer<ArrayBuffer>; // a fresh, unshared buffer
}

/** A JSON request body of at most `maxBytes` (413 past it, 400 when it is not JSON). */
export async function readJsonWithin(request: Request, maxBytes: number): Promise<unknown> {
  const body = await readBodyWithin(
    request,
    maxBytes,
    () =>
      new PayloadTooLargeError("BODY_TOO_LARGE", `Send at most ${Math.round(maxBytes / 1024)} KB.`, { field: "body" }),
  );
  try {
    return JSON.parse(body.toString("utf8")) as unknown;
  } catch {
    throw new ValidationError("INVALID_JSON", "Send a JSON body.", "body");
  }
}
