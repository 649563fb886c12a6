-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "fannedOutAt" TIMESTAMP(3),
ADD COLUMN     "webhookId" INTEGER;

-- CreateTable
CREATE TABLE "Webhook" (
    "id" SERIAL NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "label" TEXT NOT NULL,
    "notificationUrl" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "events" TEXT NOT NULL,
    "emailAddresses" TEXT NOT NULL DEFAULT '[]',
    "authType" TEXT NOT NULL DEFAULT 'NONE',
    "authUserName" TEXT,
    "authPasswordSealed" BYTEA,
    "authPasswordKekVersion" INTEGER,
    "secretSealed" BYTEA NOT NULL,
    "secretKekVersion" INTEGER NOT NULL,
    "previousSecretSealed" BYTEA,
    "previousSecretKekVersion" INTEGER,
    "previousSecretExpiresAt" TIMESTAMP(3),
    "suspendedAt" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" SERIAL NOT NULL,
    "webhookId" INTEGER NOT NULL,
    "eventPk" INTEGER NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDeliveryAttempt" (
    "id" SERIAL NOT NULL,
    "deliveryId" INTEGER NOT NULL,
    "attemptedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "workerId" TEXT NOT NULL,

    CONSTRAINT "WebhookDeliveryAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookSuspension" (
    "id" SERIAL NOT NULL,
    "webhookId" INTEGER NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "emailAddresses" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notifiedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookSuspension_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_eventPk_fkey" FOREIGN KEY ("eventPk") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDeliveryAttempt" ADD CONSTRAINT "WebhookDeliveryAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "WebhookDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookSuspension" ADD CONSTRAINT "WebhookSuspension_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

