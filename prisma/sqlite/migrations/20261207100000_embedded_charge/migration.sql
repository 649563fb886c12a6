-- AlterTable
ALTER TABLE "TransientKey" ADD COLUMN "amountMinor" BIGINT;
ALTER TABLE "TransientKey" ADD COLUMN "currency" INTEGER;
ALTER TABLE "TransientKey" ADD COLUMN "merchRefNum" TEXT;
ALTER TABLE "TransientKey" ADD COLUMN "pgId" TEXT;
ALTER TABLE "TransientKey" ADD COLUMN "purchaseId" TEXT;
ALTER TABLE "TransientKey" ADD COLUMN "requestType" TEXT;

-- CreateIndex
CREATE INDEX "Transaction_merchantId_cardId_idx" ON "Transaction"("merchantId", "cardId");
