import type { NextRequest } from "next/server";
import { requireSameOrigin } from "~/server/api/same-origin";
import { handlers } from "~/server/auth/config";
import { errorResponse } from "~/server/errors";
import { withRequestContext } from "~/server/observability/http";

export const GET = withRequestContext((req: Request) => handlers.GET(req as NextRequest));

// Sign-in, sign-out and the rest change the session: another site may not start them (CSRF).
export const POST = withRequestContext(async (req: Request) => {
  try {
    requireSameOrigin(req.method, req.headers);
  } catch (error) {
    return errorResponse(error);
  }
  return handlers.POST(req as NextRequest);
});
