import { z } from "zod";
import {
  knowledgeDocumentIdInput,
  listKnowledgeDocumentsInput,
  publishedDocumentInput,
  publishedDocumentOutput,
  publishedDocumentSummaryOutput,
} from "../../knowledge/knowledge.schemas";
import {
  deleteKnowledgeDocument,
  getPublishedDocument,
  listKnowledgeDocuments,
  listPublishedDocuments,
  reindexKnowledgeDocument,
  watchKnowledgeDocuments,
} from "../../knowledge/knowledge.service";
import { liveInput } from "../../realtime/live";
import { createTRPCRouter, publicProcedure, staffProcedure } from "../trpc";

/**
 * The knowledge base. Staff list, re-index and delete documents (uploads go through POST
 * /api/upload: multipart does not suit tRPC); anyone may read a ready document, which is what
 * the assistant's citations open.
 */
export const knowledgeRouter = createTRPCRouter({
  list: staffProcedure
    .meta({
      scope: "backoffice:read",
      openapi: {
        method: "GET",
        path: "/admin/knowledge/documents",
        tags: ["Back office"],
        summary: "Knowledge-base documents",
        protect: true,
      },
    })
    .input(listKnowledgeDocumentsInput)
    .query(({ ctx, input }) => listKnowledgeDocuments(ctx, input)),
  /** Indexing progress of every document as it moves on (server-sent events). */
  live: staffProcedure
    .meta({ scope: "backoffice:read" })
    .input(liveInput)
    .subscription(({ ctx, input, signal }) => watchKnowledgeDocuments(ctx, { lastEventId: input.lastEventId, signal })),
  reindex: staffProcedure
    .meta({
      scope: "backoffice:write",
      openapi: {
        method: "POST",
        path: "/admin/knowledge/documents/{documentId}/reindex",
        tags: ["Back office"],
        summary: "Re-index a document",
        protect: true,
      },
    })
    .input(knowledgeDocumentIdInput)
    .mutation(({ ctx, input }) => reindexKnowledgeDocument(ctx, input.documentId)),
  delete: staffProcedure
    .meta({
      scope: "backoffice:write",
      openapi: {
        method: "DELETE",
        path: "/admin/knowledge/documents/{documentId}",
        tags: ["Back office"],
        summary: "Delete a document",
        protect: true,
      },
    })
    .input(knowledgeDocumentIdInput)
    .mutation(({ ctx, input }) => deleteKnowledgeDocument(ctx, input.documentId)),
  document: publicProcedure
    .meta({
      scope: "catalog:read",
      openapi: {
        method: "GET",
        path: "/help/documents/{documentId}",
        tags: ["Help centre"],
        summary: "A published help document",
        protect: false,
      },
    })
    .input(publishedDocumentInput)
    .output(publishedDocumentOutput)
    .query(({ ctx, input }) => getPublishedDocument(ctx, input)),
  documents: publicProcedure
    .meta({
      scope: "catalog:read",
      openapi: {
        method: "GET",
        path: "/help/documents",
        tags: ["Help centre"],
        summary: "Published help documents",
        protect: false,
      },
    })
    .output(z.array(publishedDocumentSummaryOutput))
    .query(({ ctx }) => listPublishedDocuments(ctx)),
});
