-- AlterTable
ALTER TABLE "TransientKey" ADD COLUMN     "amountMinor" BIGINT,
ADD COLUMN     "currency" INTEGER,
ADD COLUMN     "merchRefNum" TEXT,
ADD COLUMN     "pgId" TEXT,
ADD COLUMN     "purchaseId" TEXT,
ADD COLUMN     "requestType" TEXT;

-- CreateIndex
CREATE INDEX "Transaction_merchantId_cardId_idx" ON "Transaction"("merchantId", "cardId");
