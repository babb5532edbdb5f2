import { readiness } from "~/server/observability/health";
import { withRequestContext } from "~/server/observability/http";

export const dynamic = "force-dynamic";

export const GET = withRequestContext(async () => {
  const { httpStatus, body } = await readiness();
  return Response.json(body, { status: httpStatus, headers: { "Cache-Control": "no-store" } });
});
