import { generateId } from "ai";
import type { Metadata } from "next";
import { getCurrentUser } from "~/app/_lib/session";
import { CONVERSATIONS_PAGE_SIZE } from "~/server/chat/chat.schemas";
import { api } from "~/app/_trpc/server";
import { chatModelOptions } from "~/server/ai/models";
import { AssistantView } from "./assistant-view";

export const metadata: Metadata = { title: "Shopping assistant" };

/** A new conversation; a signed-in user's is stored under this id from its first question. */
export default async function AssistantPage() {
  const user = await getCurrentUser();
  if (user) await api.conversations.list.prefetchInfinite({ limit: CONVERSATIONS_PAGE_SIZE });
  return <AssistantView chatId={generateId()} initialMessages={[]} models={chatModelOptions()} signedIn={!!user} />;
}
