-- The hourly records.prune job (server/retention.ts) finds what is past its retention by these.
CREATE INDEX "Session_expires_idx" ON "Session"("expires");
CREATE INDEX "WebhookDelivery_status_updatedAt_idx" ON "WebhookDelivery"("status", "updatedAt");
CREATE INDEX "AssistantTurn_createdAt_idx" ON "AssistantTurn"("createdAt");
