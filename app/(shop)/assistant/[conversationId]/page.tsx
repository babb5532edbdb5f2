import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireCurrentUser } from "~/app/_lib/session";
import { CONVERSATIONS_PAGE_SIZE } from "~/server/chat/chat.schemas";
import { api } from "~/app/_trpc/server";
import { chatModelOptions } from "~/server/ai/models";
import type { AssistantUIMessage } from "~/server/chat/chat-tools";
import { AssistantView } from "../assistant-view";

export const metadata: Metadata = { title: "Shopping assistant", robots: { index: false } };

interface ConversationPageProps {
  params: Promise<{ conversationId: string }>;
}

/** A stored conversation, as it was left (only its owner may open it). */
export default async function ConversationPage({ params }: ConversationPageProps) {
  const { conversationId } = await params;
  await requireCurrentUser(`/assistant/${encodeURIComponent(conversationId)}`);
  const [conversation] = await Promise.all([
    api.conversations.byId({ conversationId }).catch((error: unknown) => {
      // A new chat's id before its first answer is stored, or someone else's: both 404.
      if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
      throw error;
    }),
    api.conversations.list.prefetchInfinite({ limit: CONVERSATIONS_PAGE_SIZE }),
  ]);
  return (
    <AssistantView
      chatId={conversation.id}
      initialMessages={conversation.messages as AssistantUIMessage[]}
      models={chatModelOptions()}
      signedIn
    />
  );
}
