import "server-only";
import { createUIMessageStreamResponse } from "ai";
import { z } from "zod";
import { chatIdInput } from "../chat/chat.schemas";
import { resumeTurn, stopTurn } from "../chat/turn-control";
import { errorResponse } from "../errors";
import { requireSameOrigin } from "./same-origin";
import { createRouteContext } from "./trpc";

const chatStreamParams = z.strictObject({ id: chatIdInput });

const noContent = () => new Response(null, { status: 204, headers: { "cache-control": "no-store" } });

/**
 * /api/chat/<id>/stream — the chat's running answer (ADR 015). GET replays it from its first
 * chunk and follows it to its end (useChat's resume); 204 when none runs. DELETE stops it (the
 * stop button's request, since closing a connection no longer stops anything) and answers
 * `{ stopped }`: false when none ran, so the client stops reading by itself. Only the caller
 * who started the turn reaches it; someone else's stored conversation is 404.
 */
export async function handleChatStreamRequest(
  req: Request,
  route: { params: Promise<{ id: string }> },
): Promise<Response> {
  try {
    requireSameOrigin(req.method, req.headers);
    const { id } = chatStreamParams.parse(await route.params);
    const ctx = await createRouteContext(req.headers, "assistant:chat");
    if (req.method === "DELETE")
      return Response.json({ stopped: await stopTurn(ctx, id) }, { headers: { "cache-control": "no-store" } });
    const stream = await resumeTurn(ctx, id);
    return stream ? createUIMessageStreamResponse({ stream }) : noContent();
  } catch (error) {
    return errorResponse(error);
  }
}
