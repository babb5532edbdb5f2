-- CreateTable
CREATE TABLE "StoredFile" (
    "key" VARCHAR(300) NOT NULL,
    "bytes" BYTEA NOT NULL,
    "contentType" VARCHAR(100) NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("key")
);

-- A document's original moves from a path on one machine's disk to a key in the shared store.
-- Files were named DATA_DIR/uploads/<sha256>.<ext>, so the key is "knowledge/" and that name; the
-- bytes themselves move at the next start (server/storage/migrate-disk-uploads.ts).
ALTER TABLE "KnowledgeDocument" ADD COLUMN "storageKey" VARCHAR(300);
UPDATE "KnowledgeDocument"
   SET "storageKey" = 'knowledge/' || regexp_replace("storagePath", '^.*[\\/]', '')
 WHERE "storagePath" IS NOT NULL;
ALTER TABLE "KnowledgeDocument" DROP COLUMN "storagePath";
