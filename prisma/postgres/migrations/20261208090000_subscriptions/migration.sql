-- AlterTable
ALTER TABLE "Transaction" ADD COLUMN     "subscriptionId" INTEGER;

-- CreateTable
CREATE TABLE "Subscription" (
    "id" SERIAL NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "customerId" TEXT NOT NULL,
    "customerPk" INTEGER,
    "cardId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'A',
    "planId" INTEGER,
    "planCode" TEXT,
    "planName" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "frequency" INTEGER NOT NULL,
    "interval" INTEGER NOT NULL DEFAULT 1,
    "duration" INTEGER NOT NULL,
    "trialDuration" INTEGER NOT NULL DEFAULT 0,
    "trialMinor" BIGINT NOT NULL DEFAULT 0,
    "setupMinor" BIGINT NOT NULL DEFAULT 0,
    "amountMinor" BIGINT NOT NULL,
    "currency" INTEGER NOT NULL,
    "billSpecificDay" BOOLEAN NOT NULL DEFAULT false,
    "dayOfWeek" INTEGER,
    "dayOfMonth" INTEGER,
    "month" INTEGER,
    "prorateFirstPayment" BOOLEAN NOT NULL DEFAULT false,
    "prorateMinor" BIGINT,
    "purchaseId" TEXT,
    "dateStart" TEXT NOT NULL,
    "nextSeq" INTEGER,
    "nextAttempt" INTEGER NOT NULL DEFAULT 0,
    "declines" INTEGER NOT NULL DEFAULT 0,
    "dueDay" INTEGER,
    "heldForReview" BOOLEAN NOT NULL DEFAULT false,
    "suspendedDay" INTEGER,
    "statusDay" INTEGER,
    "chargingPgId" TEXT,
    "claimedBy" TEXT,
    "claimUntil" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubscriptionLabel" (
    "id" SERIAL NOT NULL,
    "subscriptionId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubscriptionLabel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingCharge" (
    "id" SERIAL NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "subscriptionId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "cycleDay" INTEGER NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "pgId" TEXT NOT NULL,
    "rcode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillingCharge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Subscription_merchantId_status_dueDay_idx" ON "Subscription"("merchantId", "status", "dueDay");

-- CreateIndex
CREATE INDEX "Subscription_merchantId_chargingPgId_idx" ON "Subscription"("merchantId", "chargingPgId");

-- CreateIndex
CREATE INDEX "Subscription_merchantId_customerId_idx" ON "Subscription"("merchantId", "customerId");

-- CreateIndex
CREATE INDEX "Subscription_merchantId_cardId_idx" ON "Subscription"("merchantId", "cardId");

-- CreateIndex
CREATE INDEX "Subscription_planId_idx" ON "Subscription"("planId");

-- CreateIndex
CREATE UNIQUE INDEX "SubscriptionLabel_subscriptionId_name_key" ON "SubscriptionLabel"("subscriptionId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "BillingCharge_pgId_key" ON "BillingCharge"("pgId");

-- CreateIndex
CREATE INDEX "BillingCharge_state_updatedAt_idx" ON "BillingCharge"("state", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BillingCharge_subscriptionId_seq_attempt_key" ON "BillingCharge"("subscriptionId", "seq", "attempt");

-- CreateIndex
CREATE INDEX "Transaction_merchantId_subscriptionId_idx" ON "Transaction"("merchantId", "subscriptionId");

-- AddForeignKey
ALTER TABLE "SubscriptionLabel" ADD CONSTRAINT "SubscriptionLabel_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingCharge" ADD CONSTRAINT "BillingCharge_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

