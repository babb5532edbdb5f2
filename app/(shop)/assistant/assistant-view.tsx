import type { Route } from "next";
import Link from "next/link";
import { HydrateClient } from "~/app/_trpc/server";
import type { ChatModelOption } from "~/server/ai/models";
import type { AssistantUIMessage } from "~/server/chat/chat-tools";
import { ChatPanel } from "./chat-panel";
import { ConversationList } from "./conversation-list";

interface AssistantViewProps {
  chatId: string;
  initialMessages: AssistantUIMessage[];
  models: ChatModelOption[];
  signedIn: boolean;
}

/** The assistant page: conversations beside the chat for shoppers who are signed in. */
export function AssistantView({ chatId, initialMessages, models, signedIn }: AssistantViewProps) {
  return (
    <div className="mx-auto flex h-[calc(100dvh-4rem)] w-full max-w-6xl flex-col gap-4 px-4 py-4 sm:px-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Shopping assistant</h1>
        {!signedIn && (
          <p className="text-sm text-muted-foreground">
            <Link href={"/sign-in?callbackUrl=/assistant" as Route} className="text-primary underline">
              Sign in
            </Link>{" "}
            to keep your conversations and ask about your orders.
          </p>
        )}
      </div>
      <div className="flex min-h-0 flex-1 flex-col gap-4 md:flex-row">
        {signedIn && (
          <aside className="max-h-40 shrink-0 overflow-y-auto md:max-h-none md:w-64">
            <HydrateClient>
              <ConversationList currentId={chatId} />
            </HydrateClient>
          </aside>
        )}
        <ChatPanel key={chatId} chatId={chatId} initialMessages={initialMessages} models={models} signedIn={signedIn} />
      </div>
    </div>
  );
}
