/**
 * What to tell the shopper when a turn fails. The chat transport throws the response body of a
 * refused request (the `{ error: { message, data } }` shape of server/errors.ts errorResponse); a
 * failure mid-stream arrives as the server's error text.
 */
export function chatErrorMessage(error: Error): string {
  if (error instanceof TypeError) return "We could not reach Shopwise. Check your connection, then try again.";
  try {
    const body = JSON.parse(error.message) as {
      error?: { message?: string; data?: { correlationId?: string | null; httpStatus?: number } };
    };
    const message = body.error?.message;
    if (message) {
      const reference = (body.error?.data?.httpStatus ?? 0) >= 500 ? body.error?.data?.correlationId : null;
      return reference ? `${message} (reference ${reference})` : message;
    }
  } catch {
    // Not JSON: the server's own error text.
  }
  return error.message || "Something went wrong. Try again.";
}
