import { CircleAlert, CircleCheck, Info } from "lucide-react";
import { cn } from "~/app/_lib/cn";

const tones = {
  error: { icon: CircleAlert, classes: "border-destructive/40 bg-destructive/10 text-destructive" },
  success: { icon: CircleCheck, classes: "border-success/40 bg-success/10 text-success" },
  info: { icon: Info, classes: "border-border bg-muted text-foreground" },
} as const;

interface AlertProps extends React.ComponentProps<"div"> {
  tone?: keyof typeof tones;
  title?: string;
}

/** A message block; errors are announced at once (role="alert"), the rest politely (role="status"). */
export function Alert({ tone = "info", title, className, children, ...props }: AlertProps) {
  const { icon: Icon, classes } = tones[tone];
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn("flex gap-3 rounded-lg border p-3 text-sm", classes, className)}
      {...props}
    >
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 space-y-1">
        {title && <p className="font-medium">{title}</p>}
        <div className={cn(title && "text-foreground/80")}>{children}</div>
      </div>
    </div>
  );
}
