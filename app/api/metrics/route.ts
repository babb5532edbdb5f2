import { metricsRoute } from "~/server/api/metrics-route";
import { withRequestContext } from "~/server/observability/http";

export const dynamic = "force-dynamic";

export const GET = withRequestContext(metricsRoute);
