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
  list: staffProcedure.input(listKnowledgeDocumentsInput).query(({ ctx, input }) => listKnowledgeDocuments(ctx, input)),
  reindex: staffProcedure
    .input(knowledgeDocumentIdInput)
    .mutation(({ ctx, input }) => reindexKnowledgeDocument(ctx, input.documentId)),
  delete: staffProcedure
    .input(knowledgeDocumentIdInput)
    .mutation(({ ctx, input }) => deleteKnowledgeDocument(ctx, input.documentId)),
  document: publicProcedure.input(publishedDocumentInput).query(({ ctx, input }) => getPublishedDocument(ctx, input)),
  documents: publicProcedure.query(({ ctx }) => listPublishedDocuments(ctx)),
});
