import { Card, CardContent } from "~/app/_components/ui/card";

export function ProfileSkeleton() {
  return (
    <Card aria-busy="true" aria-label="Loading your profile">
      <CardContent className="grid animate-pulse gap-4">
        <div className="h-5 w-32 rounded bg-muted" />
        {[0, 1, 2, 3].map((row) => (
          <div key={row} className="h-4 w-full max-w-sm rounded bg-muted" />
        ))}
      </CardContent>
    </Card>
  );
}
