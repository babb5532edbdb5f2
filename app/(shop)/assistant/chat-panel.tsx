"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { ArrowUp, Headset, RotateCcw, Square } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { api } from "~/app/_trpc/react";
import type { ChatModelOption } from "~/server/ai/models";
import { isRefusal } from "~/server/ai/prompts/refusal";
import type { AssistantUIMessage } from "~/server/chat/chat-tools";
import { ChatMessage } from "./chat-message";
import { chatErrorMessage } from "./chat-error";
import { HandedOver } from "./handed-over";
import { TalkToPerson } from "./talk-to-person";
import { useResumeAfterDrop } from "./use-resume-after-drop";

const SUGGESTIONS = [
  "How long does standard delivery take?",
  "Can I return a jacket I have worn once?",
  "Do you have headphones under $100?",
  "Where is my latest order?",
];

/**
 * Sends exactly what /api/chat accepts: the chat, its recent messages (the server keeps a
 * signed-in shopper's history and reads only the question; a visitor's recent text is theirs),
 * the trigger and the chosen model. A running answer is resumed, and stopped, at its stream URL.
 */
const RECENT_MESSAGES = 20;
const streamUrl = (chatId: string) => `/api/chat/${encodeURIComponent(chatId)}/stream`;
const chatTransport = new DefaultChatTransport<AssistantUIMessage>({
  api: "/api/chat",
  prepareReconnectToStreamRequest: ({ id }) => ({ api: streamUrl(id) }),
  prepareSendMessagesRequest: ({ id, messages, trigger, messageId, body }) => ({
    body: {
      id,
      messages: messages.slice(-RECENT_MESSAGES),
      trigger,
      messageId,
      model: (body as { model?: string } | undefined)?.model,
    },
  }),
});

interface ChatPanelProps {
  chatId: string;
  initialMessages: AssistantUIMessage[];
  models: ChatModelOption[];
  signedIn: boolean;
}

/** The conversation: streamed answers, stop and regenerate, errors that say what to do. */
export function ChatPanel({ chatId, initialMessages, models, signedIn }: ChatPanelProps) {
  const [input, setInput] = useState("");
  const [model, setModel] = useState(models[0]!.id);
  const utils = api.useUtils();
  const { messages, sendMessage, status, stop, regenerate, error, clearError, resumeStream } =
    useChat<AssistantUIMessage>({
      id: chatId,
      messages: initialMessages,
      transport: chatTransport,
      // A page opened while its answer is still being written (a reload) picks it up.
      resume: initialMessages.at(-1)?.role === "user",
      onFinish: () => {
        if (signedIn) void utils.conversations.list.invalidate();
      },
    });
  const reconnecting = useResumeAfterDrop(error, messages.at(-1)?.role === "assistant", resumeStream);
  const busy = status === "submitted" || status === "streaming" || reconnecting;
  // "Talk to a person": the form, then the support thread in place of the chat.
  const [handoffForm, setHandoffForm] = useState(false);
  const [threadId, setThreadId] = useState<string | null>(null);
  const last = messages.at(-1);
  const answered = !busy && last?.role === "assistant";
  const refused = answered && isRefusal(last.parts.map((p) => (p.type === "text" ? p.text : "")).join(""));

  /** Closing the connection no longer stops an answer: the server is asked to; it ends the stream. */
  async function stopAnswer() {
    const response = await fetch(streamUrl(chatId), { method: "DELETE" }).catch(() => null);
    const { stopped } = ((await response?.json().catch(() => null)) ?? {}) as { stopped?: boolean };
    if (!stopped) await stop();
  }

  const endRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Not an expression body: browsers now return a promise from scrollIntoView.
    void endRef.current?.scrollIntoView({ block: "end" });
  }, [messages, handoffForm]);

  if (threadId) return <HandedOver threadId={threadId} messages={messages} signedIn={signedIn} />;

  function ask(text: string) {
    const question = text.trim();
    if (!question || busy) return;
    clearError();
    // A signed-in chat is stored under this id from its first turn: make the URL reloadable.
    if (signedIn && messages.length === 0) window.history.replaceState(null, "", `/assistant/${chatId}`);
    void sendMessage({ text: question }, { body: { model } });
    setInput("");
  }

  return (
    <section aria-label="Chat" className="flex min-h-0 flex-1 flex-col rounded-xl border bg-background shadow-sm">
      <div className="min-h-0 flex-1 overflow-y-auto p-4" aria-live="polite" aria-busy={busy}>
        {messages.length === 0 && !handoffForm ? (
          <div className="grid h-full content-center justify-items-center gap-4 py-10 text-center">
            <h2 className="text-lg font-semibold">Ask about shipping, returns, sizes or products</h2>
            <p className="max-w-md text-sm text-muted-foreground">
              Answers come from Shopwise&apos;s help centre and catalog, with numbered sources you can open.
            </p>
            <div className="flex flex-wrap justify-center gap-2">
              {SUGGESTIONS.map((s) => (
                <Button key={s} variant="outline" size="sm" onClick={() => ask(s)}>
                  {s}
                </Button>
              ))}
            </div>
            <Button variant="link" size="sm" onClick={() => setHandoffForm(true)}>
              <Headset aria-hidden /> Rather talk to a person?
            </Button>
          </div>
        ) : (
          <ol aria-label="Messages" className="grid gap-4">
            {messages.map((m, i) => (
              <ChatMessage key={m.id} message={m} signedIn={signedIn} finished={!busy || i < messages.length - 1} />
            ))}
          </ol>
        )}
        {status === "submitted" && (
          <p role="status" className="mt-4 text-sm text-muted-foreground">
            Looking through the help centre…
          </p>
        )}
        {reconnecting && (
          <p role="status" className="mt-4 text-sm text-muted-foreground">
            Connection lost. The answer continues when you are back online…
          </p>
        )}
        {error && !reconnecting && (
          <Alert tone="error" className="mt-4" title="The assistant could not answer">
            <p>{chatErrorMessage(error)}</p>
            <Button variant="outline" size="sm" className="mt-2" onClick={() => void regenerate({ body: { model } })}>
              <RotateCcw aria-hidden /> Try again
            </Button>
          </Alert>
        )}
        {refused && !handoffForm && (
          <div className="mt-4 flex flex-wrap items-center gap-3 rounded-lg border bg-muted p-3 text-sm">
            <p className="flex-1">The assistant could not answer this. A person from our support team can.</p>
            <Button size="sm" onClick={() => setHandoffForm(true)}>
              <Headset aria-hidden /> Talk to a person
            </Button>
          </div>
        )}
        {handoffForm && (
          <div className="mt-4">
            <TalkToPerson
              chatId={chatId}
              signedIn={signedIn}
              messages={messages}
              onCancel={() => setHandoffForm(false)}
              onOpened={setThreadId}
            />
          </div>
        )}
        <div ref={endRef} />
      </div>

      <form
        className="grid gap-2 border-t p-3"
        onSubmit={(event) => {
          event.preventDefault();
          ask(input);
        }}
      >
        <div className="flex items-end gap-2">
          <label htmlFor="chat-input" className="sr-only">
            Your question
          </label>
          <textarea
            id="chat-input"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey) {
                e.preventDefault();
                ask(input);
              }
            }}
            rows={1}
            maxLength={2000}
            placeholder="Ask a question…"
            className="max-h-40 min-h-10 flex-1 resize-none rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs focus-visible:outline-2 focus-visible:outline-ring"
          />
          {busy ? (
            <Button variant="outline" size="icon" onClick={() => void stopAnswer()} aria-label="Stop answering">
              <Square aria-hidden />
            </Button>
          ) : (
            <Button type="submit" size="icon" aria-label="Send" disabled={!input.trim()}>
              <ArrowUp aria-hidden />
            </Button>
          )}
        </div>
        <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-muted-foreground">
          {models.length > 1 ? (
            <label className="flex items-center gap-2">
              Model
              <select
                value={model}
                onChange={(e) => setModel(e.target.value)}
                className="h-7 rounded-md border border-input bg-card px-2 text-xs"
              >
                {models.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.label}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span>{models[0]!.label}</span>
          )}
          {answered && (
            <div className="flex gap-1">
              {!refused && !handoffForm && (
                <Button variant="ghost" size="sm" onClick={() => setHandoffForm(true)}>
                  <Headset aria-hidden /> Talk to a person
                </Button>
              )}
              <Button variant="ghost" size="sm" onClick={() => void regenerate({ body: { model } })}>
                <RotateCcw aria-hidden /> Regenerate
              </Button>
            </div>
          )}
        </div>
      </form>
    </section>
  );
}
