-- AlterEnum
ALTER TYPE "MailStatus" ADD VALUE 'SENDING' BEFORE 'SENT';

-- AlterTable
ALTER TABLE "OutboxMail" ADD COLUMN     "sendingAt" TIMESTAMP(3);
