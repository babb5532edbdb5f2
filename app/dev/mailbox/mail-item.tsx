import { ChevronDown } from "lucide-react";
import { cn } from "~/app/_lib/cn";
import type { RouterOutputs } from "~/app/_trpc/react";

type Mail = RouterOutputs["devMailbox"]["list"]["items"][number];

const statuses = {
  SENT: { label: "Sent", classes: "bg-success/15 text-success" },
  PENDING: { label: "Queued", classes: "bg-muted text-muted-foreground" },
  SENDING: { label: "Sending", classes: "bg-muted text-muted-foreground" },
  FAILED: { label: "Failed", classes: "bg-destructive/15 text-destructive" },
} as const;

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** One message: headers always visible, the body behind a native disclosure. */
export function MailItem({ mail }: { mail: Mail }) {
  const status = statuses[mail.status];
  return (
    <li className="rounded-xl border bg-card shadow-sm">
      <details className="group">
        <summary className="flex cursor-pointer list-none items-start gap-3 rounded-xl p-4 [&::-webkit-details-marker]:hidden">
          <div className="grid min-w-0 flex-1 gap-1">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{mail.subject}</span>
              <span className={cn("rounded-full px-2 py-0.5 text-xs font-medium", status.classes)}>{status.label}</span>
            </div>
            <p className="truncate text-sm text-muted-foreground">To: {mail.to}</p>
            <p className="text-xs text-muted-foreground">
              <time dateTime={mail.createdAt.toISOString()}>{timeFormat.format(mail.createdAt)}</time>
              {mail.transport && ` · via ${mail.transport}`}
            </p>
          </div>
          <ChevronDown
            aria-hidden
            className="mt-1 size-4 shrink-0 text-muted-foreground transition-transform group-open:rotate-180"
          />
        </summary>
        <pre className="overflow-x-auto border-t px-4 py-3 font-sans text-sm whitespace-pre-wrap">{mail.text}</pre>
      </details>
    </li>
  );
}
