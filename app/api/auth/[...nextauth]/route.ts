import type { NextRequest } from "next/server";
import { handlers } from "~/server/auth/config";
import { withRequestContext } from "~/server/observability/http";

export const GET = withRequestContext((req: Request) => handlers.GET(req as NextRequest));
export const POST = withRequestContext((req: Request) => handlers.POST(req as NextRequest));
