import { Badge, type BadgeTone } from "~/app/_components/admin/badge";
import type { JobState } from "~/server/jobs/jobs-console.schemas";

export const STATE_LABELS: Record<JobState, { label: string; tone: BadgeTone }> = {
  created: { label: "Queued", tone: "neutral" },
  retry: { label: "Retry", tone: "accent" },
  active: { label: "Active", tone: "accent" },
  completed: { label: "Completed", tone: "success" },
  cancelled: { label: "Cancelled", tone: "neutral" },
  failed: { label: "Failed", tone: "danger" },
};

export function JobStateBadge({ state }: { state: JobState }) {
  const { label, tone } = STATE_LABELS[state];
  return <Badge tone={tone}>{label}</Badge>;
}

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h": how long something has waited. */
export function formatAge(seconds: number) {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
  return `${Math.floor(hours / 24)} d${hours % 24 ? ` ${hours % 24} h` : ""}`;
}

const second = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** A job's timings need the second (a retry 10 s later); fixed locale and zone as in ../format. */
export function Moment({ value }: { value: Date | null }) {
  if (!value) return <span className="text-muted-foreground">—</span>;
  return <time dateTime={value.toISOString()}>{second.format(value)} UTC</time>;
}

export const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}%`);
