import { handleChatStreamRequest } from "~/server/api/chat-stream-route";
import { withRequestContext } from "~/server/observability/http";

// Resume (GET) or stop (DELETE) the chat's running answer; see server/api/chat-stream-route.ts.
export const maxDuration = 60;

export const GET = withRequestContext(handleChatStreamRequest);
export const DELETE = withRequestContext(handleChatStreamRequest);
