"use client";

import { LoaderCircle, PackageSearch, ReceiptText, TriangleAlert } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { formatMoney } from "~/app/_components/catalog/money";
import type { AssistantUIMessage } from "~/server/chat/chat-tools";

type Part = AssistantUIMessage["parts"][number];
type ToolPart = Extract<Part, { type: `tool-${string}` }>;

export const isToolPart = (part: Part): part is ToolPart => part.type.startsWith("tool-");

const ACTIVITY: Record<ToolPart["type"], (input: never) => string> = {
  "tool-searchProducts": (input: { query?: string }) => `Searching products for “${input?.query ?? "…"}”`,
  "tool-getProduct": (input: { slug?: string }) => `Checking price and stock of ${input?.slug ?? "a product"}`,
  "tool-listMyOrders": () => "Looking up your orders",
};

/** A tool call as the shopper sees it: what the assistant is doing, then what it found. */
export function ToolResult({ part }: { part: ToolPart }) {
  const activity = ACTIVITY[part.type](part.input as never);
  if (part.state === "output-error")
    return (
      <ToolFrame icon={<TriangleAlert aria-hidden className="text-destructive" />} label={activity}>
        <p className="text-sm text-destructive">This lookup failed: {part.errorText}</p>
      </ToolFrame>
    );
  if (part.state !== "output-available")
    return <ToolFrame icon={<LoaderCircle aria-hidden className="animate-spin" />} label={`${activity}…`} />;

  switch (part.type) {
    case "tool-searchProducts":
      return (
        <ToolFrame icon={<PackageSearch aria-hidden />} label={activity}>
          {part.output.products.length ? (
            <ul className="grid gap-1 text-sm">
              {part.output.products.map((p) => (
                <li key={p.slug} className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <Link href={p.url as Route} className="font-medium text-primary hover:underline">
                    {p.name}
                  </Link>
                  <span className="text-muted-foreground tabular-nums">
                    {formatMoney(p.price)} · {p.availability}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">No products matched.</p>
          )}
        </ToolFrame>
      );
    case "tool-getProduct":
      return (
        <ToolFrame icon={<PackageSearch aria-hidden />} label={activity}>
          {part.output.found ? (
            <p className="text-sm">
              <Link href={part.output.url as Route} className="font-medium text-primary hover:underline">
                {part.output.name}
              </Link>{" "}
              — {formatMoney(part.output.price)}, {part.output.availability}
            </p>
          ) : (
            <p className="text-sm text-muted-foreground">That product is not sold any more.</p>
          )}
        </ToolFrame>
      );
    case "tool-listMyOrders":
      return (
        <ToolFrame icon={<ReceiptText aria-hidden />} label={activity}>
          {part.output.signInRequired ? (
            <p className="text-sm">
              <Link href={"/sign-in?callbackUrl=/assistant" as Route} className="text-primary underline">
                Sign in
              </Link>{" "}
              to ask about your orders.
            </p>
          ) : part.output.orders.length ? (
            <ul className="grid gap-1 text-sm">
              {part.output.orders.map((o) => (
                <li key={o.reference} className="flex flex-wrap justify-between gap-x-3">
                  <Link href={o.url as Route} className="font-medium text-primary hover:underline">
                    Order {o.reference}
                  </Link>
                  <span className="text-muted-foreground">
                    {o.status.toLowerCase()} · {formatMoney(o.total)}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">You have no orders yet.</p>
          )}
        </ToolFrame>
      );
  }
}

function ToolFrame({ icon, label, children }: { icon: React.ReactNode; label: string; children?: React.ReactNode }) {
  return (
    <div className="grid gap-2 rounded-lg border bg-muted/40 p-3" data-testid="tool-call">
      <p className="flex items-center gap-2 text-xs font-medium text-muted-foreground [&_svg]:size-4">
        {icon}
        {label}
      </p>
      {children}
    </div>
  );
}
