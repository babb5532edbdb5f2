import "server-only";
import { createUIMessageStreamResponse } from "ai";
import { clientIp } from "../auth/client-ip";
import { getSessionUser } from "../auth/session";
import { createChatQuota, type ChatQuota } from "../chat/chat-quota";
import { chatRequestInput } from "../chat/chat.schemas";
import { startAssistantTurn } from "../chat/chat.service";
import { db } from "../db/client";
import { getEnv } from "../env";
import { ValidationError } from "../errors";
import { getLogger } from "../observability/logger";
import { currentContext } from "../observability/request-context";
import { errorResponse } from "./route-errors";

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
 * status; failures during it arrive as an error part of the stream.
 */
export async function handleChatRequest(req: Request): Promise<Response> {
  try {
    const body: unknown = await req.json().catch(() => {
      throw new ValidationError("INVALID_JSON", "Send the chat as a JSON body.", "body");
    });
    const input = chatRequestInput.parse(body);
    const user = await getSessionUser(req.headers);
    const context = currentContext();
    if (context && user) context.userId = user.id;
    const ctx = { db, log: getLogger(), user, ip: clientIp(req.headers) };
    const stream = await startAssistantTurn(ctx, input, { quota: chatQuota(), abortSignal: req.signal });
    return createUIMessageStreamResponse({ stream });
  } catch (error) {
    return errorResponse(error);
  }
}
