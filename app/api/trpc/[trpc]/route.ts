import { handleTrpcFetch } from "~/server/api/http";
import { withRequestContext } from "~/server/observability/http";

// Serves the tRPC router where no self-hosted server runs (Vercel); same router and context.
const handler = withRequestContext((req: Request) => handleTrpcFetch(req));
export { handler as GET, handler as POST };
