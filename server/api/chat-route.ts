import "server-only";
import { createUIMessageStreamResponse } from "ai";
import { createChatQuota, type ChatQuota } from "../chat/chat-quota";
import { chatRequestInput } from "../chat/chat.schemas";
import { startAssistantTurn } from "../chat/chat.service";
import { db } from "../db/client";
import { getEnv } from "../env";
import { errorResponse, UnsupportedTypeError } from "../errors";
import { readJsonWithin } from "./request-body";
import { requireSameOrigin } from "./same-origin";
import { createRouteContext } from "./trpc";

/** The client sends its recent messages (20 at most, text and tool results): ample room. */
const MAX_CHAT_BODY_BYTES = 512 * 1024;

let quota: ChatQuota | undefined;
function chatQuota() {
  const env = getEnv();
  return (quota ??= createChatQuota(db, {
    perUserPerHour: env.CHAT_USER_QUOTA_PER_HOUR,
    perIpPerHour: env.CHAT_ANONYMOUS_QUOTA_PER_HOUR,
  }));
}

/**
 * POST /api/chat: parse → identify → one assistant turn → UI message stream. Failures before
 * the stream starts (bad input, quota, someone else's conversation) are JSON errors with their
 * status; failures during it arrive as an error part of the stream. `host.waitUntil` (Next's
 * `after`) keeps a serverless function running until the turn ends, after the client left.
 */
export async function handleChatRequest(
  req: Request,
  host: { waitUntil?: (promise: Promise<unknown>) => void } = {},
): Promise<Response> {
  try {
    requireSameOrigin(req.method, req.headers);
    // A form post cannot send application/json, so this also keeps a plain <form> from another site out.
    if (!/^application\/json\s*(;|$)/i.test(req.headers.get("content-type") ?? ""))
      throw new UnsupportedTypeError("JSON_REQUIRED", "Send the chat request as application/json.", { field: "body" });
    const input = chatRequestInput.parse(await readJsonWithin(req, MAX_CHAT_BODY_BYTES));
    // The same context a tRPC procedure gets: caller, client address, logger naming the user.
    const ctx = await createRouteContext(req.headers, "assistant:chat");
    // No abort signal: a client that goes away leaves the turn running (GET …/stream resumes it).
    const stream = await startAssistantTurn(ctx, input, { quota: chatQuota(), waitUntil: host.waitUntil });
    return createUIMessageStreamResponse({ stream });
  } catch (error) {
    return errorResponse(error);
  }
}
