-- AlterTable
ALTER TABLE "Event" ADD COLUMN "fannedOutAt" DATETIME;
ALTER TABLE "Event" ADD COLUMN "webhookId" INTEGER;

-- CreateTable
CREATE TABLE "Webhook" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "merchantId" BIGINT NOT NULL,
    "label" TEXT NOT NULL,
    "notificationUrl" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "events" TEXT NOT NULL,
    "emailAddresses" TEXT NOT NULL DEFAULT '[]',
    "authType" TEXT NOT NULL DEFAULT 'NONE',
    "authUserName" TEXT,
    "authPasswordSealed" BLOB,
    "authPasswordKekVersion" INTEGER,
    "secretSealed" BLOB NOT NULL,
    "secretKekVersion" INTEGER NOT NULL,
    "previousSecretSealed" BLOB,
    "previousSecretKekVersion" INTEGER,
    "previousSecretExpiresAt" DATETIME,
    "suspendedAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Webhook_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "webhookId" INTEGER NOT NULL,
    "eventPk" INTEGER NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WebhookDelivery_eventPk_fkey" FOREIGN KEY ("eventPk") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebhookDeliveryAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "deliveryId" INTEGER NOT NULL,
    "attemptedAt" DATETIME NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "workerId" TEXT NOT NULL,
    CONSTRAINT "WebhookDeliveryAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "WebhookDelivery" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebhookSuspension" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "webhookId" INTEGER NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "emailAddresses" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notifiedAt" DATETIME,
    CONSTRAINT "WebhookSuspension_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Webhook_merchantId_id_idx" ON "Webhook"("merchantId", "id");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_status_id_idx" ON "WebhookDelivery"("webhookId", "status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_webhookId_eventPk_key" ON "WebhookDelivery"("webhookId", "eventPk");

-- CreateIndex
CREATE INDEX "WebhookDeliveryAttempt_deliveryId_id_idx" ON "WebhookDeliveryAttempt"("deliveryId", "id");

-- CreateIndex
CREATE INDEX "WebhookSuspension_notifiedAt_idx" ON "WebhookSuspension"("notifiedAt");

-- CreateIndex
CREATE INDEX "Event_fannedOutAt_id_idx" ON "Event"("fannedOutAt", "id");

