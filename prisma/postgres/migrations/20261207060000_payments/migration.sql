-- AlterTable
ALTER TABLE "Checkout" ADD COLUMN     "amountMinor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "currency" INTEGER NOT NULL DEFAULT 840,
ADD COLUMN     "merchRefNum" TEXT,
ADD COLUMN     "purchaseId" TEXT,
ADD COLUMN     "requestType" TEXT NOT NULL DEFAULT 'sale';

-- CreateTable
CREATE TABLE "MerchantGateway" (
    "merchantId" BIGINT NOT NULL,
    "connector" TEXT NOT NULL,
    "upstreamUrl" TEXT,
    "upstreamMerchantId" BIGINT,
    "securityKeySealed" BYTEA,
    "kekVersion" INTEGER,
    "clockOffsetSeconds" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MerchantGateway_pkey" PRIMARY KEY ("merchantId")
);

-- CreateTable
CREATE TABLE "Transaction" (
    "id" SERIAL NOT NULL,
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
    "settlesAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Transaction_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "MerchantGateway" ADD CONSTRAINT "MerchantGateway_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_originalId_fkey" FOREIGN KEY ("originalId") REFERENCES "Transaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

