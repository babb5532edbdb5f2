"use client";

import { Bot, UserRound } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { cn } from "~/app/_lib/cn";
import { feedbackOf, isRateable } from "~/server/chat/assistant-feedback.schemas";
import type { AssistantUIMessage } from "~/server/chat/chat-tools";
import { AnswerActions } from "./answer-actions";
import { AnswerText, type Citation } from "./answer-text";
import { isToolPart, ToolResult } from "./tool-result";

/** The sources an answer cited: the server lists each one when first cited, numbered 1, 2, 3. */
function citationsOf(message: AssistantUIMessage): Citation[] {
  return message.parts
    .flatMap((p) => (p.type === "source-url" ? [{ n: Number(p.sourceId), url: p.url, title: p.title ?? p.url }] : []))
    .sort((a, b) => a.n - b.n);
}

interface ChatMessageProps {
  message: AssistantUIMessage;
  /** Offers rating (a signed-in shopper's answers are stored, and so are their ratings). */
  signedIn?: boolean;
  /** No longer streaming: copy and rating are offered. */
  finished?: boolean;
}

/** One message: the question, or the answer with its tool calls, the sources it cites, and its actions. */
export function ChatMessage({ message, signedIn = false, finished = true }: ChatMessageProps) {
  const isUser = message.role === "user";
  const citations = citationsOf(message);
  const answerText = message.parts.map((p) => (p.type === "text" ? p.text : "")).join("");

  return (
    <li
      className={cn("flex gap-3", isUser && "flex-row-reverse")}
      data-role={message.role}
      aria-label={isUser ? "Your question" : "Assistant's answer"}
    >
      <span
        aria-hidden
        className={cn(
          "mt-1 grid size-8 shrink-0 place-items-center rounded-full [&_svg]:size-4",
          isUser ? "bg-primary text-primary-foreground" : "bg-muted text-foreground",
        )}
      >
        {isUser ? <UserRound /> : <Bot />}
      </span>
      <div
        className={cn(
          "grid max-w-[85%] min-w-0 gap-3 rounded-2xl px-4 py-3 text-sm",
          isUser ? "bg-primary text-primary-foreground" : "border bg-card",
        )}
      >
        {message.parts.map((part, i) => {
          if (part.type === "text")
            return isUser ? (
              <p key={i} className="whitespace-pre-wrap">
                {part.text}
              </p>
            ) : (
              <AnswerText key={i} text={part.text} citations={citations} />
            );
          if (isToolPart(part)) return <ToolResult key={part.toolCallId} part={part} />;
          return null;
        })}
        {citations.length > 0 && (
          <div className="border-t pt-2">
            <p className="mb-1 text-xs font-medium text-muted-foreground">Sources</p>
            <ol aria-label="Sources" className="grid gap-1 text-xs">
              {citations.map((c) => (
                <li key={c.n} className="flex items-center gap-2">
                  <span className="font-semibold text-primary">[{c.n}]</span>
                  {/* At least 24 px tall: WCAG 2.2 target size (2.5.8). */}
                  <Link
                    href={c.url as Route}
                    className="flex min-h-6 min-w-0 items-center text-primary hover:underline"
                  >
                    {c.title}
                  </Link>
                </li>
              ))}
            </ol>
          </div>
        )}
        {!isUser && finished && answerText.trim() && (
          <AnswerActions
            messageId={message.id}
            text={answerText}
            initial={feedbackOf(message.metadata)}
            signedIn={signedIn}
            rateable={isRateable(message.metadata)}
          />
        )}
      </div>
    </li>
  );
}
