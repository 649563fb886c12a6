-- AlterTable
ALTER TABLE "Merchant" ADD COLUMN "brandDisplayName" TEXT;
ALTER TABLE "Merchant" ADD COLUMN "brandLogoUrl" TEXT;
ALTER TABLE "Merchant" ADD COLUMN "brandPrimaryColor" TEXT;

-- CreateTable
CREATE TABLE "Checkout" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" BIGINT NOT NULL,
    "customerPk" INTEGER NOT NULL,
    "cardId" TEXT,
    "successUrl" TEXT,
    "failureUrl" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lockedAt" DATETIME,
    "resultCardId" TEXT,
    "spentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Checkout_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Checkout_customerPk_fkey" FOREIGN KEY ("customerPk") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Checkout_merchantId_createdAt_idx" ON "Checkout"("merchantId", "createdAt");

-- CreateIndex
CREATE INDEX "Checkout_customerPk_idx" ON "Checkout"("customerPk");

