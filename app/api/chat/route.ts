import { after } from "next/server";
import { handleChatRequest } from "~/server/api/chat-route";
import { withRequestContext } from "~/server/observability/http";

// The assistant's streaming endpoint (useChat's transport); the work lives in server/chat.
export const maxDuration = 60;

export const POST = withRequestContext((req: Request) => handleChatRequest(req, { waitUntil: after }));
