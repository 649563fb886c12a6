-- CreateTable
CREATE TABLE "MerchantOrigin" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "merchantId" BIGINT NOT NULL,
    "origin" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MerchantOrigin_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TransientKey" (
    "hash" TEXT NOT NULL PRIMARY KEY,
    "merchantId" BIGINT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "MerchantOrigin_merchantId_origin_key" ON "MerchantOrigin"("merchantId", "origin");

-- CreateIndex
CREATE INDEX "TransientKey_merchantId_idx" ON "TransientKey"("merchantId");

-- CreateIndex
CREATE INDEX "TransientKey_expiresAt_idx" ON "TransientKey"("expiresAt");

