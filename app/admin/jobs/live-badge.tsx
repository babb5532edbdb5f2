import { Badge } from "~/app/_components/admin/badge";

/** Says whether the page is updating itself right now. */
export function LiveBadge({ status }: { status: "live" | "connecting" }) {
  return (
    <Badge tone={status === "live" ? "success" : "neutral"} aria-live="polite" className="gap-1.5">
      <span aria-hidden className={status === "live" ? "size-1.5 self-center rounded-full bg-success" : "hidden"} />
      {status === "live" ? "Live" : "Connecting…"}
    </Badge>
  );
}
