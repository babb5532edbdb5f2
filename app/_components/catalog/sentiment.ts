/** A review's sentiment score (-1 … 1, null while the scoring job has not run) in words. */
export function sentimentLabel(score: number | null): string {
  if (score === null) return "Scoring…";
  if (score >= 0.3) return "Very positive";
  if (score >= 0.05) return "Mostly positive";
  if (score > -0.05) return "Neutral";
  if (score > -0.3) return "Mostly negative";
  return "Very negative";
}

export function sentimentTone(score: number | null): string {
  if (score === null) return "bg-muted text-muted-foreground";
  if (score >= 0.05) return "bg-success/15 text-success";
  if (score > -0.05) return "bg-muted text-foreground";
  return "bg-destructive/10 text-destructive";
}
