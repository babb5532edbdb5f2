"use client";

import { Label as LabelPrimitive } from "radix-ui";
import { cn } from "~/app/_lib/cn";

export function Label({ className, ...props }: React.ComponentProps<typeof LabelPrimitive.Root>) {
  return <LabelPrimitive.Root className={cn("text-sm leading-none font-medium select-none", className)} {...props} />;
}
