import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import { ingestDocument } from "../knowledge/ingestion.service";
import { defineJob } from "./queue";

/** Indexes one knowledge-base document (parse → chunk → embed → index), reporting progress. */
export const ingestKnowledgeDocument = defineJob({
  name: "knowledge.ingest",
  schema: z.object({ documentId: z.string().min(1) }),
  queue: { retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: 900 },
  async handle({ documentId }, { log }) {
    await ingestDocument({ db, log }, documentId);
  },
});
