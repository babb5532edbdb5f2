import { handleUploadRequest } from "~/server/api/upload-route";
import { withRequestContext } from "~/server/observability/http";

// Staff add documents to the knowledge base (multipart, field "file"); see server/api/upload-route.ts.
export const POST = withRequestContext(handleUploadRequest);
