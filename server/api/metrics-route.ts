import "server-only";
import { timingSafeEqual } from "node:crypto";
import { getEnv } from "../env";
import { errorResponse, NotFoundError, UnauthorizedError } from "../errors";
import { renderMetrics } from "../observability/metrics-sources";

const matches = (header: string | null, token: string) => {
  const given = Buffer.from(header ?? "");
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/** GET /api/metrics: Prometheus text format behind METRICS_TOKEN (404 while unset, 401 without it). */
export async function metricsRoute(req: Request): Promise<Response> {
  try {
    const token = getEnv().METRICS_TOKEN;
    if (!token) throw new NotFoundError("METRICS_DISABLED", "Metrics are turned off (METRICS_TOKEN is unset).");
    if (!matches(req.headers.get("authorization"), token))
      throw new UnauthorizedError("METRICS_TOKEN_REQUIRED", "Send Authorization: Bearer <METRICS_TOKEN>.");
    const { contentType, body } = await renderMetrics();
    return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
