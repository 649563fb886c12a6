-- CreateTable
CREATE TABLE "CardToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" BIGINT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "maskedNumber" TEXT NOT NULL,
    "cardType" TEXT NOT NULL,
    "expDate" TEXT NOT NULL,
    "sealedNumber" BLOB NOT NULL,
    "kekVersion" INTEGER NOT NULL,
    "cardholderName" TEXT,
    "avsAddress" TEXT,
    "avsZip" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "CardToken_kekVersion_idx" ON "CardToken"("kekVersion");

-- CreateIndex
CREATE UNIQUE INDEX "CardToken_merchantId_fingerprint_key" ON "CardToken"("merchantId", "fingerprint");

