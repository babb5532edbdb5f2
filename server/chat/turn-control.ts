import "server-only";
import type { UIMessageChunk } from "ai";
import type { SessionUser } from "../auth/roles";
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import type { UserCtx } from "../users/users.service";
import { messageText } from "./chat.schemas";
import { withCitedSources } from "./cited-sources";
import { getConversation, requireConversationOwner, titleOf, type StoredMessage } from "./conversations.service";
import { turnKey, turnStreams, type TurnStreams } from "./turn-streams";

/** Who reads or stops a turn: the same caller identity that started it. */
interface TurnCaller {
  db: Db;
  user: SessionUser | null;
  ip: string | null;
}

/**
 * A stored conversation is its owner's alone: anyone else (a visitor included) gets NOT_FOUND,
 * as for the conversation itself. A chat not stored yet has only the turn, bound to its caller.
 */
async function requireOwnChat(caller: TurnCaller, chatId: string) {
  if (!(await caller.db.conversation.count({ where: { id: chatId } }))) return;
  if (!caller.user)
    throw new NotFoundError("CONVERSATION_NOT_FOUND", "We could not find this conversation among yours.");
  await requireConversationOwner(caller.db, caller.user, chatId);
}

/**
 * The caller's turn on the chat from its first chunk, followed live until it ends; null when
 * none is running or just ended (the client then has nothing to resume).
 */
export async function resumeTurn(
  caller: TurnCaller,
  chatId: string,
  turns: TurnStreams = turnStreams(),
): Promise<ReadableStream<UIMessageChunk> | null> {
  await requireOwnChat(caller, chatId);
  return (await turns.get(turnKey(caller, chatId)))?.replay() ?? null;
}

/** Stops the caller's running turn on the chat (it is saved with what it has); true if one ran. */
export async function stopTurn(caller: TurnCaller, chatId: string, turns: TurnStreams = turnStreams()) {
  await requireOwnChat(caller, chatId);
  const turn = await turns.get(turnKey(caller, chatId));
  if (!turn?.running) return false;
  turn.stop();
  return true;
}

/**
 * A conversation as its owner opens it: the stored messages with citations as answers cite them
 * now, and while a turn runs, its question (stored only when the turn ends) in its place, so a
 * reload mid-answer shows the question and resumes the answer. A first turn's conversation is
 * not stored yet: it is shown from the turn.
 */
export async function openConversation(ctx: UserCtx, conversationId: string, turns: TurnStreams = turnStreams()) {
  const turn = await turns.get(turnKey({ user: ctx.user, ip: null }, conversationId));
  const question = turn?.running ? turn.question : null;
  const stored = await ctx.db.conversation.count({ where: { id: conversationId } });
  const now = new Date();
  const conversation =
    stored || !question
      ? await getConversation(ctx, conversationId)
      : { id: conversationId, title: titleOf(messageText(question)), createdAt: now, updatedAt: now, messages: [] };
  const messages = conversation.messages.map(withCitedSources);
  return { ...conversation, messages: question ? upToQuestion(messages, question) : messages };
}

/** The messages a running turn answers after: up to its question if stored (a regenerate), else with it. */
function upToQuestion<M extends StoredMessage>(messages: M[], question: StoredMessage): M[] {
  const index = messages.findIndex((m) => m.id === question.id);
  return index >= 0 ? messages.slice(0, index + 1) : [...messages, question as M];
}
