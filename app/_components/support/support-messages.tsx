import { Bot, Headset, UserRound } from "lucide-react";
import { formatMoment } from "~/app/_components/admin/format";
import { cn } from "~/app/_lib/cn";

export interface SupportMessageView {
  id: string;
  author: "SHOPPER" | "STAFF" | "SYSTEM";
  authorName: string | null;
  body: string;
  createdAt: Date;
}

interface TranscriptProps {
  transcript: { role: "user" | "assistant"; text: string }[];
  /** Staff read it first thing; the shopper has just seen it. */
  open?: boolean;
  shopperLabel: string;
}

/** The assistant chat the thread was handed over with. */
export function SupportTranscript({ transcript, open = false, shopperLabel }: TranscriptProps) {
  if (!transcript.length) return null;
  return (
    <details open={open} className="rounded-lg border bg-muted/40 p-3 text-sm">
      <summary className="cursor-pointer font-medium">
        The chat with the assistant before the handoff ({transcript.length}{" "}
        {transcript.length === 1 ? "message" : "messages"})
      </summary>
      <ol aria-label="Chat with the assistant" className="mt-3 grid gap-2">
        {transcript.map((m, i) => (
          <li key={i} className="grid gap-0.5">
            <span className="flex items-center gap-1 text-xs font-medium text-muted-foreground">
              {m.role === "user" ? (
                <UserRound aria-hidden className="size-3" />
              ) : (
                <Bot aria-hidden className="size-3" />
              )}
              {m.role === "user" ? shopperLabel : "Assistant"}
            </span>
            <p className="whitespace-pre-wrap">{m.text}</p>
          </li>
        ))}
      </ol>
    </details>
  );
}

interface MessagesProps {
  messages: SupportMessageView[];
  /** Whose screen this is: "You" is the shopper for the shopper, and nobody for staff. */
  viewer: "shopper" | "staff";
}

/** The messages between the shopper and staff, oldest first; system notes (closed) centred. */
export function SupportMessages({ messages, viewer }: MessagesProps) {
  const label = (m: SupportMessageView) => {
    if (m.author === "SHOPPER") return viewer === "shopper" ? "You" : "Shopper";
    const name = m.authorName ?? "Shopwise support";
    return viewer === "shopper" ? `${name} · Shopwise support` : name;
  };
  return (
    <ol aria-label="Support messages" className="grid gap-3">
      {messages.map((m) =>
        m.author === "SYSTEM" ? (
          <li key={m.id} data-author="SYSTEM" className="text-center text-xs text-muted-foreground">
            {m.body}
          </li>
        ) : (
          <li
            key={m.id}
            data-author={m.author}
            aria-label={`Message from ${label(m)}`}
            className={cn("flex gap-2", (m.author === "SHOPPER") === (viewer === "shopper") && "flex-row-reverse")}
          >
            <span
              aria-hidden
              className={cn(
                "mt-1 grid size-7 shrink-0 place-items-center rounded-full [&_svg]:size-3.5",
                m.author === "STAFF" ? "bg-accent text-accent-foreground" : "bg-primary text-primary-foreground",
              )}
            >
              {m.author === "STAFF" ? <Headset /> : <UserRound />}
            </span>
            <div className="grid max-w-[85%] min-w-0 gap-1 rounded-2xl border bg-card px-3 py-2 text-sm">
              <span className="text-xs text-muted-foreground">
                {label(m)} · <time dateTime={m.createdAt.toISOString()}>{formatMoment(m.createdAt)}</time>
              </span>
              <p className="whitespace-pre-wrap">{m.body}</p>
            </div>
          </li>
        ),
      )}
    </ol>
  );
}
