"use client";

import { Switch as SwitchPrimitive } from "radix-ui";
import { cn } from "~/app/_lib/cn";

type SwitchProps = React.ComponentProps<typeof SwitchPrimitive.Root>;

/** An on/off control (role="switch"); give it an aria-label naming what it switches. */
export function Switch({ className, ...props }: SwitchProps) {
  return (
    <SwitchPrimitive.Root
      className={cn(
        "inline-flex h-5 w-9 shrink-0 items-center rounded-full border-2 border-transparent bg-input transition-colors",
        "disabled:cursor-not-allowed disabled:opacity-60 data-[state=checked]:bg-primary",
        className,
      )}
      {...props}
    >
      <SwitchPrimitive.Thumb className="block size-4 rounded-full bg-card shadow-sm transition-transform data-[state=checked]:translate-x-4" />
    </SwitchPrimitive.Root>
  );
}
