import { handleCronRequest } from "~/server/jobs/cron";
import { withRequestContext } from "~/server/observability/http";

// Vercel Cron calls GET with "Authorization: Bearer $CRON_SECRET" (see server/jobs/cron.ts).
export const maxDuration = 60;

export const GET = withRequestContext(async (req: Request, { params }: { params: Promise<{ job: string }> }) =>
  handleCronRequest(req.headers, (await params).job),
);
