-- CreateTable
CREATE TABLE "Merchant" (
    "id" BIGINT NOT NULL,
    "name" TEXT NOT NULL,
    "signingSecretSealed" BYTEA NOT NULL,
    "signingSecretKekVersion" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Merchant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" SERIAL NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "label" TEXT,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Customer" (
    "id" SERIAL NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "customerId" TEXT NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT,
    "firmName" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "referenceId" TEXT,
    "comments" TEXT,
    "developerId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Card" (
    "id" TEXT NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "customerPk" INTEGER NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "maskedNumber" TEXT NOT NULL,
    "cardType" TEXT NOT NULL,
    "expDate" TEXT NOT NULL,
    "sealedNumber" BYTEA NOT NULL,
    "kekVersion" INTEGER NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT,
    "firmName" TEXT,
    "emails" TEXT,
    "addr1" TEXT,
    "addr2" TEXT,
    "city" TEXT,
    "state" TEXT,
    "zip" TEXT NOT NULL,
    "zip4" TEXT,
    "country" TEXT,
    "countryCode" TEXT,
    "isPrimary" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Card_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShippingAddress" (
    "id" SERIAL NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "customerPk" INTEGER NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "firmName" TEXT,
    "addr1" TEXT,
    "addr2" TEXT,
    "city" TEXT,
    "state" TEXT,
    "zip" TEXT,
    "zip4" TEXT,
    "country" TEXT,
    "countryCode" TEXT,
    "isPrimary" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShippingAddress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "clientAddress" TEXT,
    "requestId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "id" SERIAL NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "responseStatus" INTEGER,
    "responseBody" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_merchantId_idx" ON "ApiKey"("merchantId");

-- CreateIndex
CREATE INDEX "Customer_merchantId_lastName_idx" ON "Customer"("merchantId", "lastName");

-- CreateIndex
CREATE INDEX "Customer_merchantId_email_idx" ON "Customer"("merchantId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_merchantId_customerId_key" ON "Customer"("merchantId", "customerId");

-- CreateIndex
CREATE INDEX "Card_merchantId_idx" ON "Card"("merchantId");

-- CreateIndex
CREATE INDEX "Card_kekVersion_idx" ON "Card"("kekVersion");

-- CreateIndex
CREATE UNIQUE INDEX "Card_customerPk_fingerprint_key" ON "Card"("customerPk", "fingerprint");

-- CreateIndex
CREATE INDEX "ShippingAddress_customerPk_idx" ON "ShippingAddress"("customerPk");

-- CreateIndex
CREATE INDEX "AuditLog_merchantId_createdAt_idx" ON "AuditLog"("merchantId", "createdAt");

-- CreateIndex
CREATE INDEX "IdempotencyRecord_expiresAt_idx" ON "IdempotencyRecord"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyRecord_merchantId_method_path_key_key" ON "IdempotencyRecord"("merchantId", "method", "path", "key");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Card" ADD CONSTRAINT "Card_customerPk_fkey" FOREIGN KEY ("customerPk") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShippingAddress" ADD CONSTRAINT "ShippingAddress_customerPk_fkey" FOREIGN KEY ("customerPk") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The audit log is append-only: the app's own role (the database owner) gives
-- up UPDATE, DELETE and TRUNCATE on it, so a bug cannot rewrite history.
-- (A trigger would say so more loudly, but the migration runner splits
-- statements on every semicolon and cannot carry a PL/pgSQL body.)
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditLog" FROM CURRENT_USER;
