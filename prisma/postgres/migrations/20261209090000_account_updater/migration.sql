-- DropIndex
DROP INDEX "Card_merchantId_idx";

-- AlterTable
ALTER TABLE "Card" ADD COLUMN     "auHold" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "auHoldReason" TEXT,
ADD COLUMN     "replacedBy" TEXT;

-- CreateTable
CREATE TABLE "AccountUpdaterEnrolment" (
    "merchantId" BIGINT NOT NULL,
    "harvestDay" INTEGER NOT NULL DEFAULT 1,
    "lastHarvestMonth" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccountUpdaterEnrolment_pkey" PRIMARY KEY ("merchantId")
);

-- CreateTable
CREATE TABLE "AccountUpdaterRequest" (
    "id" SERIAL NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "method" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requestDate" TEXT NOT NULL,
    "responseDate" TEXT,
    "cntRequest" INTEGER NOT NULL DEFAULT 0,
    "cntResponse" INTEGER NOT NULL DEFAULT 0,
    "cntUpdate" INTEGER NOT NULL DEFAULT 0,
    "rejectedCards" TEXT NOT NULL DEFAULT '[]',
    "selecting" BOOLEAN NOT NULL DEFAULT false,
    "claimedBy" TEXT,
    "claimUntil" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccountUpdaterRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountUpdaterResult" (
    "id" SERIAL NOT NULL,
    "requestId" INTEGER NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "cardId" TEXT,
    "fingerprint" TEXT,
    "reference" TEXT,
    "sealedNumbers" BYTEA,
    "kekVersion" INTEGER,
    "maskedNumber" TEXT NOT NULL,
    "cardType" TEXT NOT NULL,
    "expDate" TEXT NOT NULL,
    "maskedNumberNew" TEXT,
    "expDateNew" TEXT,
    "reasonCode" TEXT,
    "responseDate" TEXT,
    "applied" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountUpdaterResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountUpdaterFile" (
    "id" SERIAL NOT NULL,
    "requestId" INTEGER NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "firstResultId" INTEGER NOT NULL,
    "lastResultId" INTEGER NOT NULL,
    "network" TEXT,
    "networkRef" TEXT,
    "sentDay" INTEGER,
    "doneAt" TIMESTAMP(3),
    "claimedBy" TEXT,
    "claimUntil" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountUpdaterFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CardHistory" (
    "id" SERIAL NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "cardId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT,
    "otherCardId" TEXT,
    "requestId" INTEGER,
    "actor" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CardHistory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccountUpdaterRequest_merchantId_id_idx" ON "AccountUpdaterRequest"("merchantId", "id");

-- CreateIndex
CREATE INDEX "AccountUpdaterRequest_status_idx" ON "AccountUpdaterRequest"("status");

-- CreateIndex
CREATE INDEX "AccountUpdaterResult_requestId_id_idx" ON "AccountUpdaterResult"("requestId", "id");

-- CreateIndex
CREATE INDEX "AccountUpdaterResult_merchantId_cardId_idx" ON "AccountUpdaterResult"("merchantId", "cardId");

-- CreateIndex
CREATE INDEX "AccountUpdaterResult_merchantId_id_idx" ON "AccountUpdaterResult"("merchantId", "id");

-- CreateIndex
CREATE INDEX "AccountUpdaterResult_kekVersion_idx" ON "AccountUpdaterResult"("kekVersion");

-- CreateIndex
CREATE INDEX "AccountUpdaterFile_merchantId_doneAt_idx" ON "AccountUpdaterFile"("merchantId", "doneAt");

-- CreateIndex
CREATE INDEX "AccountUpdaterFile_requestId_idx" ON "AccountUpdaterFile"("requestId");

-- CreateIndex
CREATE INDEX "CardHistory_merchantId_cardId_id_idx" ON "CardHistory"("merchantId", "cardId", "id");

-- CreateIndex
CREATE INDEX "Card_merchantId_id_idx" ON "Card"("merchantId", "id");

-- AddForeignKey
ALTER TABLE "AccountUpdaterResult" ADD CONSTRAINT "AccountUpdaterResult_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccountUpdaterRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountUpdaterFile" ADD CONSTRAINT "AccountUpdaterFile_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccountUpdaterRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

