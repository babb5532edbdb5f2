import {
  knowledgeDocumentIdInput,
  listKnowledgeDocumentsInput,
  publishedDocumentInput,
} from "../../knowledge/knowledge.schemas";
import {
  deleteKnowledgeDocument,
  getPublishedDocument,
  listKnowledgeDocuments,
  listPublishedDocuments,
  reindexKnowledgeDocument,
} from "../../knowledge/knowledge.service";
import { createTRPCRouter, publicProcedure, staffProcedure } from "../trpc";

/**
 * The knowledge base. Staff list, re-index and delete documents (uploads go through POST
 * /api/upload: multipart does not suit tRPC); anyone may read a ready document, which is what
 * the assistant's citations open.
 */
export const knowledgeRouter = createTRPCRouter({
  list: staffProcedure
    .meta({ scope: "backoffice:read" })
    .input(listKnowledgeDocumentsInput)
    .query(({ ctx, input }) => listKnowledgeDocuments(ctx, input)),
  reindex: staffProcedure
    .meta({ scope: "backoffice:write" })
    .input(knowledgeDocumentIdInput)
    .mutation(({ ctx, input }) => reindexKnowledgeDocument(ctx, input.documentId)),
  delete: staffProcedure
    .meta({ scope: "backoffice:write" })
    .input(knowledgeDocumentIdInput)
    .mutation(({ ctx, input }) => deleteKnowledgeDocument(ctx, input.documentId)),
  document: publicProcedure
    .meta({ scope: "catalog:read" })
    .input(publishedDocumentInput)
    .query(({ ctx, input }) => getPublishedDocument(ctx, input)),
  documents: publicProcedure.meta({ scope: "catalog:read" }).query(({ ctx }) => listPublishedDocuments(ctx)),
});
