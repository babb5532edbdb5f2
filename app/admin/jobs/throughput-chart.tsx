import { cn } from "~/app/_lib/cn";
import { formatCount } from "~/app/_components/admin/format";
import { percent } from "./job-format";

interface Bucket {
  start: Date;
  completed: number;
  failed: number;
}

const time = new Intl.DateTimeFormat("en-US", { timeStyle: "short", timeZone: "UTC" });

/**
 * The last hour as stacked bars, one per 5-minute bucket: completed below, failed above in red.
 * An SVG of our own (no chart library): a dozen bars need none, and it follows the theme's colours.
 */
export function ThroughputChart({
  buckets,
  label,
  size = "sm",
}: {
  buckets: Bucket[];
  label: string;
  size?: "sm" | "lg";
}) {
  const width = size === "lg" ? 480 : 120;
  const height = size === "lg" ? 120 : 28;
  const max = Math.max(1, ...buckets.map((b) => b.completed + b.failed));
  const slot = width / buckets.length;
  const bar = Math.max(2, slot - (size === "lg" ? 6 : 2));
  const completed = buckets.reduce((s, b) => s + b.completed, 0);
  const failed = buckets.reduce((s, b) => s + b.failed, 0);
  const rate = completed + failed ? failed / (completed + failed) : null;
  const summary = `${label}, last hour: ${formatCount(completed)} completed, ${formatCount(failed)} failed (failure rate ${percent(rate)})`;
  return (
    <svg
      role="img"
      aria-label={summary}
      viewBox={`0 0 ${width} ${height}`}
      className={cn(size === "lg" ? "h-32 w-full" : "h-7 w-30")}
      preserveAspectRatio="none"
    >
      <title>{summary}</title>
      <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} className="stroke-border" />
      {buckets.map((b, i) => {
        const ok = (b.completed / max) * (height - 2);
        const bad = (b.failed / max) * (height - 2);
        const x = i * slot + (slot - bar) / 2;
        return (
          <g key={b.start.toISOString()}>
            <title>{`${time.format(b.start)} UTC: ${b.completed} completed, ${b.failed} failed`}</title>
            <rect x={x} y={height - 1 - ok} width={bar} height={ok} className="fill-success/80" />
            <rect x={x} y={height - 1 - ok - bad} width={bar} height={bad} className="fill-destructive" />
          </g>
        );
      })}
    </svg>
  );
}
