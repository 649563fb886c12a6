-- CreateTable
CREATE TABLE "MerchantOrigin" (
    "id" SERIAL NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "origin" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MerchantOrigin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransientKey" (
    "hash" TEXT NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TransientKey_pkey" PRIMARY KEY ("hash")
);

-- CreateIndex
CREATE UNIQUE INDEX "MerchantOrigin_merchantId_origin_key" ON "MerchantOrigin"("merchantId", "origin");

-- CreateIndex
CREATE INDEX "TransientKey_merchantId_idx" ON "TransientKey"("merchantId");

-- CreateIndex
CREATE INDEX "TransientKey_expiresAt_idx" ON "TransientKey"("expiresAt");

-- AddForeignKey
ALTER TABLE "MerchantOrigin" ADD CONSTRAINT "MerchantOrigin_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

