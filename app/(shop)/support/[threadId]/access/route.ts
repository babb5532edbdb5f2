import { handleSupportAccess } from "~/server/api/support-access-route";
import { withRequestContext } from "~/server/observability/http";

// A visitor's token for the support cookie: the reply mail's link (GET) and the assistant panel (POST).
const handler = withRequestContext(async (req: Request, { params }: { params: Promise<{ threadId: string }> }) =>
  handleSupportAccess(req, (await params).threadId),
);
export { handler as GET, handler as POST };
