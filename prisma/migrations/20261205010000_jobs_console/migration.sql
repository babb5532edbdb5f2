-- CreateTable
CREATE TABLE "JobSchedulePause" (
    "queue" VARCHAR(100) NOT NULL,
    "pausedById" TEXT,
    "pausedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobSchedulePause_pkey" PRIMARY KEY ("queue")
);

-- CreateIndex
CREATE INDEX "AuditLog_correlationId_idx" ON "AuditLog"("correlationId");
