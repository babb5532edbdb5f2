import { handleRestFetch } from "~/server/api/rest";
import { withRequestContext } from "~/server/observability/http";

// REST /api/v1/* (and its OpenAPI document): the tRPC procedures that declare a route.
const handler = withRequestContext((req: Request) => handleRestFetch(req));
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
