import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import { NotFoundError, UnsupportedTypeError, errorResponse } from "../errors";
import { idInput, text } from "../inputs";
import { ACCESS_TOKEN_LIFETIME_DAYS, getAccessTokenExpiry } from "../support/support-access";
import { readJsonWithin } from "./request-body";
import { requireSameOrigin } from "./same-origin";
import { supportCookieHeader } from "./support-cookie";

/**
 * /support/<threadId>/access: trades a visitor's support token for the httpOnly cookie that opens
 * the thread. GET is the reply mail's link (`?token=`): it sets the cookie and redirects to the
 * thread, so the token leaves the address bar at once. POST `{ token }` is the assistant panel
 * right after "Talk to a person". A token that does not open this thread sets nothing.
 */
const tokenBody = z.strictObject({ token: text({ max: 100 }) });

const notOpened = () =>
  new NotFoundError(
    "SUPPORT_ACCESS_DENIED",
    `This link does not open the conversation, or has expired (links work for ${ACCESS_TOKEN_LIFETIME_DAYS} days). Open the newest link from our mail, or sign in.`,
  );

export async function handleSupportAccess(req: Request, rawThreadId: string): Promise<Response> {
  try {
    requireSameOrigin(req.method, req.headers);
    const threadId = idInput.parse(rawThreadId);
    const back = `/support/${threadId}`;
    if (req.method === "GET") {
      const token = new URL(req.url).searchParams.get("token") ?? "";
      const headers = new Headers({ Location: back, "Cache-Control": "no-store" });
      // An old or mistyped link still lands on the thread's page, which says how to get in.
      const expiresAt = await getAccessTokenExpiry(db, threadId, token);
      if (expiresAt) headers.set("Set-Cookie", supportCookieHeader(token, req.url, expiresAt));
      return new Response(null, { status: 303, headers });
    }
    if (!/^application\/json\s*(;|$)/i.test(req.headers.get("content-type") ?? ""))
      throw new UnsupportedTypeError("JSON_REQUIRED", "Send the token as application/json.", { field: "body" });
    const { token } = tokenBody.parse(await readJsonWithin(req, 1024));
    const expiresAt = await getAccessTokenExpiry(db, threadId, token);
    if (!expiresAt) throw notOpened();
    return new Response(null, {
      status: 204,
      headers: { "Set-Cookie": supportCookieHeader(token, req.url, expiresAt), "Cache-Control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
