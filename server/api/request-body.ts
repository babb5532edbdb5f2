import "server-only";
import { PayloadTooLargeError, ValidationError } from "../errors";

/**
 * A JSON request body of at most `maxBytes`: refused from Content-Length when it says so, and
 * counted while it streams otherwise, so no client makes the server buffer more than that.
 */
export async function readJsonWithin(request: Request, maxBytes: number): Promise<unknown> {
  const tooLarge = () =>
    new PayloadTooLargeError("BODY_TOO_LARGE", `Send at most ${Math.round(maxBytes / 1024)} KB.`, { field: "body" });
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
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
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new ValidationError("INVALID_JSON", "Send a JSON body.", "body");
  }
}
