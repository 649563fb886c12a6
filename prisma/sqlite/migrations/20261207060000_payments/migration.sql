-- CreateTable
CREATE TABLE "MerchantGateway" (
    "merchantId" BIGINT NOT NULL PRIMARY KEY,
    "connector" TEXT NOT NULL,
    "upstreamUrl" TEXT,
    "upstreamMerchantId" BIGINT,
    "securityKeySealed" BLOB,
    "kekVersion" INTEGER,
    "clockOffsetSeconds" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MerchantGateway_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Transaction" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "pgId" TEXT NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "currency" INTEGER NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "approvedMinor" BIGINT NOT NULL,
    "capturedMinor" BIGINT NOT NULL,
    "refundedMinor" BIGINT NOT NULL,
    "cardId" TEXT,
    "customerId" TEXT,
    "maskedNumber" TEXT,
    "cardType" TEXT,
    "cardFingerprint" TEXT,
    "rcode" TEXT NOT NULL,
    "rmsg" TEXT NOT NULL,
    "authCode" TEXT,
    "avsResult" TEXT,
    "cvvResult" TEXT,
    "merchRefNum" TEXT,
    "purchaseId" TEXT,
    "originalId" INTEGER,
    "checkoutId" TEXT,
    "connector" TEXT NOT NULL,
    "upstreamPgId" TEXT,
    "settlesAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Transaction_originalId_fkey" FOREIGN KEY ("originalId") REFERENCES "Transaction" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

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

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Checkout" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" BIGINT NOT NULL,
    "customerPk" INTEGER NOT NULL,
    "cardId" TEXT,
    "successUrl" TEXT,
    "failureUrl" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "amountMinor" BIGINT NOT NULL DEFAULT 0,
    "currency" INTEGER NOT NULL DEFAULT 840,
    "requestType" TEXT NOT NULL DEFAULT 'sale',
    "purchaseId" TEXT,
    "merchRefNum" TEXT,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lockedAt" DATETIME,
    "resultCardId" TEXT,
    "spentAt" DATETIME,
    "spentBySession" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Checkout_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Checkout_customerPk_fkey" FOREIGN KEY ("customerPk") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Checkout" ("cardId", "createdAt", "customerPk", "expiresAt", "failedAttempts", "failureUrl", "id", "lockedAt", "merchantId", "resultCardId", "spentAt", "spentBySession", "state", "successUrl") SELECT "cardId", "createdAt", "customerPk", "expiresAt", "failedAttempts", "failureUrl", "id", "lockedAt", "merchantId", "resultCardId", "spentAt", "spentBySession", "state", "successUrl" FROM "Checkout";
DROP TABLE "Checkout";
ALTER TABLE "new_Checkout" RENAME TO "Checkout";
CREATE INDEX "Checkout_merchantId_createdAt_idx" ON "Checkout"("merchantId", "createdAt");
CREATE INDEX "Checkout_customerPk_idx" ON "Checkout"("customerPk");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "MerchantGateway_kekVersion_idx" ON "MerchantGateway"("kekVersion");

-- CreateIndex
CREATE UNIQUE INDEX "Transaction_pgId_key" ON "Transaction"("pgId");

-- CreateIndex
CREATE INDEX "Transaction_merchantId_createdAt_idx" ON "Transaction"("merchantId", "createdAt");

-- CreateIndex
CREATE INDEX "Transaction_merchantId_cardFingerprint_createdAt_idx" ON "Transaction"("merchantId", "cardFingerprint", "createdAt");

-- CreateIndex
CREATE INDEX "Transaction_originalId_idx" ON "Transaction"("originalId");

-- CreateIndex
CREATE INDEX "Transaction_checkoutId_idx" ON "Transaction"("checkoutId");

-- CreateIndex
CREATE INDEX "CardToken_kekVersion_idx" ON "CardToken"("kekVersion");

-- CreateIndex
CREATE UNIQUE INDEX "CardToken_merchantId_fingerprint_key" ON "CardToken"("merchantId", "fingerprint");

