import { liveness } from "~/server/observability/health";
import { withRequestContext } from "~/server/observability/http";

export const dynamic = "force-dynamic";

export const GET = withRequestContext(async () =>
  Response.json(liveness(), { headers: { "Cache-Control": "no-store" } }),
);
