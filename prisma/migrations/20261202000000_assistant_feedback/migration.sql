-- CreateEnum
CREATE TYPE "AnswerRating" AS ENUM ('UP', 'DOWN');

-- CreateTable
CREATE TABLE "AssistantTurn" (
    "id" TEXT NOT NULL,
    "messageId" VARCHAR(100) NOT NULL,
    "conversationId" TEXT,
    "userId" TEXT,
    "question" VARCHAR(2000) NOT NULL,
    "answer" VARCHAR(4000) NOT NULL,
    "refused" BOOLEAN NOT NULL,
    "passages" JSONB NOT NULL,
    "modelId" VARCHAR(100) NOT NULL,
    "rating" "AnswerRating",
    "ratingReason" VARCHAR(500),
    "ratedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssistantTurn_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AssistantTurn_messageId_key" ON "AssistantTurn"("messageId");

-- CreateIndex
CREATE INDEX "AssistantTurn_refused_createdAt_idx" ON "AssistantTurn"("refused", "createdAt");

-- CreateIndex
CREATE INDEX "AssistantTurn_rating_createdAt_idx" ON "AssistantTurn"("rating", "createdAt");

-- CreateIndex
CREATE INDEX "AssistantTurn_conversationId_idx" ON "AssistantTurn"("conversationId");

-- CreateIndex
CREATE INDEX "AssistantTurn_userId_idx" ON "AssistantTurn"("userId");

-- AddForeignKey
ALTER TABLE "AssistantTurn" ADD CONSTRAINT "AssistantTurn_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssistantTurn" ADD CONSTRAINT "AssistantTurn_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
