import "server-only";
import { generateOpenApiDocument, type OpenAPIObject, type OpenApiRouter } from "trpc-to-openapi";
import { getEnv } from "../env";

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the procedures' `openapi` meta and zod
 * schemas (trpc-to-openapi), then completed with what the generator does not know: our one error
 * body, 422 for field errors, the Idempotency-Key header of writes, 201 for creations. Built once
 * per process; only `servers` depends on the request.
 */

export const REST_BASE = "/api/v1";

type SchemaObject = NonNullable<NonNullable<OpenAPIObject["components"]>["schemas"]>[string];

/** Procedures whose success is a new resource: 201 Created (the REST handler says so too). */
export const CREATED_PROCEDURES = new Set([
  "orders.create",
  "reviews.create",
  "admin.products.create",
  "admin.categories.create",
  "webhooks.create",
]);

const WRITE_METHODS = ["post", "put", "patch", "delete"] as const;

const ERROR_SCHEMA: SchemaObject = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["message", "code", "data"],
      properties: {
        message: { type: "string" },
        code: { type: "integer", description: "JSON-RPC code (as tRPC clients see it)" },
        data: {
          type: "object",
          required: ["code", "httpStatus", "appCode", "fieldErrors", "details", "correlationId"],
          properties: {
            code: { type: "string", examples: ["BAD_REQUEST", "NOT_FOUND"] },
            httpStatus: { type: "integer" },
            path: { type: ["string", "null"], description: "The procedure behind the route" },
            appCode: {
              type: "string",
              description: "Stable machine-readable reason to switch on",
              examples: ["VALIDATION_FAILED", "OUT_OF_STOCK", "IDEMPOTENCY_KEY_REUSED"],
            },
            fieldErrors: {
              type: ["object", "null"],
              additionalProperties: { type: "array", items: { type: "string" } },
              description: "Messages by field name (a body field, a query parameter or a header)",
            },
            details: { type: ["object", "null"] },
            correlationId: { type: ["string", "null"] },
          },
        },
      },
    },
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

const IDEMPOTENCY_PARAMETER = {
  in: "header",
  name: "Idempotency-Key",
  required: false,
  description:
    "Retry-safe writes: the same key with the same request returns the first response again for 24 h " +
    "(with `Idempotent-Replayed: true`); the same key with another request is refused (422).",
  schema: { type: "string", minLength: 1, maxLength: 255 },
};

type Operation = {
  operationId?: string;
  parameters?: unknown[];
  responses: Record<string, unknown>;
  requestBody?: { content: Record<string, { schema: { required?: string[] } }> };
};

/** Our error body on every error response; 422 beside 400 where input is read; the write header. */
function complete(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      const responses = operation.responses;
      for (const status of Object.keys(responses))
        if (status !== "200")
          responses[status] = errorResponse((responses[status] as { description: string }).description);
      if (responses["400"]) responses["422"] = errorResponse("A field is invalid: `fieldErrors` names it");
      responses["429"] = errorResponse("Too many requests: retry after `Retry-After` seconds");
      if (!(WRITE_METHODS as readonly string[]).includes(method)) continue;
      operation.parameters = [...(operation.parameters ?? []), IDEMPOTENCY_PARAMETER];
      responses["409"] = errorResponse("The Idempotency-Key is in use by a request still running");
      if (CREATED_PROCEDURES.has(operation.operationId?.replaceAll("-", ".") ?? "")) {
        responses["201"] = { ...(responses["200"] as object), description: "Created" };
        delete responses["200"];
      }
      // The Idempotency-Key header fills the order's own key when the body leaves it out.
      if (path === "/orders" && method === "post") {
        const schema = operation.requestBody?.content["application/json"]?.schema;
        if (schema?.required) schema.required = schema.required.filter((f) => f !== "idempotencyKey");
      }
    }
  }
  const schemas: Record<string, unknown> = { ...document.components?.schemas, Error: ERROR_SCHEMA };
  for (const name of Object.keys(schemas)) if (name.startsWith("error.")) delete schemas[name];
  document.components = { ...document.components, schemas: schemas as Record<string, SchemaObject> };
  return document;
}

let cachedDocument: OpenAPIObject | undefined;

/** The document, generated on first use; `origin` names the server when AUTH_URL is unset. */
export function openApiDocument(router: OpenApiRouter, origin: string): OpenAPIObject {
  cachedDocument ??= complete(
    generateOpenApiDocument(router, {
      title: "Shopwise API",
      description:
        "The catalog, orders, reviews, account and assistant conversations of Shopwise over REST. " +
        "Authenticate with an API key (`Authorization: Bearer sw_…`, created at /account/api-keys); " +
        "each operation needs the key scope its procedure declares. Errors share one JSON body.",
      version: "1",
      openApiVersion: "3.1.0",
      baseUrl: REST_BASE,
      docsUrl: "/developers/api",
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "sw_…",
          description: "An API key with the scopes needed",
        },
      },
    }),
  );
  const publicUrl = getEnv().AUTH_URL;
  const base = publicUrl ? new URL(publicUrl).origin : origin;
  return { ...cachedDocument, servers: [{ url: `${base}${REST_BASE}` }] };
}
