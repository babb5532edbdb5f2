-- CreateTable
CREATE TABLE "BusMessage" (
    "id" BIGSERIAL NOT NULL,
    "channel" VARCHAR(100) NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BusMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BusMessage_createdAt_idx" ON "BusMessage"("createdAt");
