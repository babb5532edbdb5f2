import { Check, Circle, X } from "lucide-react";
import { LocalTime } from "~/app/_components/catalog/local-time";
import { cn } from "~/app/_lib/cn";
import type { Order } from "../order-status";

interface Step {
  label: string;
  at: Date | null;
  note?: string;
  cancelled?: boolean;
}

function stepsOf(order: Order): Step[] {
  const placed: Step = { label: "Order placed", at: order.createdAt };
  if (order.status === "CANCELLED")
    return [
      placed,
      ...(order.paidAt ? [{ label: "Paid", at: order.paidAt }] : []),
      { label: "Cancelled", at: order.cancelledAt, note: cancelNote(order.cancelReason), cancelled: true },
    ];
  return [
    placed,
    { label: "Paid", at: order.paidAt },
    { label: "Shipped", at: order.shippedAt },
    { label: "Delivered", at: order.deliveredAt },
  ];
}

function cancelNote(reason: string | null) {
  if (reason === "expired") return "Not paid in time; the items went back into stock.";
  if (reason === "cancelled by customer") return "You cancelled this order.";
  return reason ? `Reason: ${reason}` : undefined;
}

/** Where the order is: done steps with their times, then what is still to come. */
export function OrderTimeline({ order }: { order: Order }) {
  const steps = stepsOf(order);
  const current = steps.findLastIndex((s) => s.at);
  return (
    <ol className="grid gap-0" aria-label="Order progress">
      {steps.map((step, index) => {
        const done = Boolean(step.at);
        const Icon = step.cancelled ? X : done ? Check : Circle;
        return (
          <li
            key={step.label}
            aria-current={index === current ? "step" : undefined}
            className="relative grid grid-cols-[1.75rem_1fr] gap-3 pb-5 last:pb-0"
          >
            {index < steps.length - 1 && (
              <span
                aria-hidden
                className={cn("absolute top-7 bottom-0 left-3.5 w-px", done ? "bg-primary" : "bg-border")}
              />
            )}
            <span
              aria-hidden
              className={cn(
                "grid size-7 place-items-center rounded-full border",
                step.cancelled
                  ? "border-destructive bg-destructive/10 text-destructive"
                  : done
                    ? "border-primary bg-primary text-primary-foreground"
                    : "bg-card text-muted-foreground",
              )}
            >
              <Icon className="size-3.5" />
            </span>
            <div className="grid gap-0.5 pt-0.5">
              <span className={cn("text-sm font-medium", !done && "text-muted-foreground")}>
                {step.label}
                {!done && <span className="sr-only"> (not yet)</span>}
              </span>
              {step.at && (
                <span className="text-xs text-muted-foreground">
                  <LocalTime value={step.at} />
                </span>
              )}
              {step.note && <span className="text-xs text-muted-foreground">{step.note}</span>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
