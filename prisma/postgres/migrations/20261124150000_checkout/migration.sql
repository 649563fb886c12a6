-- AlterTable
ALTER TABLE "Merchant" ADD COLUMN     "brandDisplayName" TEXT,
ADD COLUMN     "brandLogoUrl" TEXT,
ADD COLUMN     "brandPrimaryColor" TEXT;

-- CreateTable
CREATE TABLE "Checkout" (
    "id" TEXT NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "customerPk" INTEGER NOT NULL,
    "cardId" TEXT,
    "successUrl" TEXT,
    "failureUrl" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lockedAt" TIMESTAMP(3),
    "resultCardId" TEXT,
    "spentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Checkout_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Checkout_merchantId_createdAt_idx" ON "Checkout"("merchantId", "createdAt");

-- CreateIndex
CREATE INDEX "Checkout_customerPk_idx" ON "Checkout"("customerPk");

-- AddForeignKey
ALTER TABLE "Checkout" ADD CONSTRAINT "Checkout_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkout" ADD CONSTRAINT "Checkout_customerPk_fkey" FOREIGN KEY ("customerPk") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

