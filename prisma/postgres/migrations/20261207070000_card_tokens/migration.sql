-- CreateTable
CREATE TABLE "CardToken" (
    "id" TEXT NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "maskedNumber" TEXT NOT NULL,
    "cardType" TEXT NOT NULL,
    "expDate" TEXT NOT NULL,
    "sealedNumber" BYTEA NOT NULL,
    "kekVersion" INTEGER NOT NULL,
    "cardholderName" TEXT,
    "avsAddress" TEXT,
    "avsZip" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CardToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CardToken_kekVersion_idx" ON "CardToken"("kekVersion");

-- CreateIndex
CREATE UNIQUE INDEX "CardToken_merchantId_fingerprint_key" ON "CardToken"("merchantId", "fingerprint");

