-- AlterTable
ALTER TABLE "TransientKey" ADD COLUMN     "failedAttempts" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "PendingCard" (
    "id" TEXT NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "maskedNumber" TEXT NOT NULL,
    "cardType" TEXT NOT NULL,
    "expDate" TEXT NOT NULL,
    "sealedNumber" BYTEA NOT NULL,
    "kekVersion" INTEGER NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT,
    "addr1" TEXT,
    "city" TEXT,
    "state" TEXT,
    "zip" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingCard_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PendingCard_merchantId_idx" ON "PendingCard"("merchantId");

-- CreateIndex
CREATE INDEX "PendingCard_expiresAt_idx" ON "PendingCard"("expiresAt");

