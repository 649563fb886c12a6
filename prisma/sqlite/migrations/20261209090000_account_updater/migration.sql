-- CreateTable
CREATE TABLE "AccountUpdaterEnrolment" (
    "merchantId" BIGINT NOT NULL PRIMARY KEY,
    "harvestDay" INTEGER NOT NULL DEFAULT 1,
    "lastHarvestMonth" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AccountUpdaterRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AccountUpdaterResult" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requestId" INTEGER NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "cardId" TEXT,
    "fingerprint" TEXT,
    "reference" TEXT,
    "sealedNumbers" BLOB,
    "kekVersion" INTEGER,
    "maskedNumber" TEXT NOT NULL,
    "cardType" TEXT NOT NULL,
    "expDate" TEXT NOT NULL,
    "maskedNumberNew" TEXT,
    "expDateNew" TEXT,
    "reasonCode" TEXT,
    "responseDate" TEXT,
    "applied" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AccountUpdaterResult_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccountUpdaterRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccountUpdaterFile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requestId" INTEGER NOT NULL,
    "merchantId" BIGINT NOT NULL,
    "firstResultId" INTEGER NOT NULL,
    "lastResultId" INTEGER NOT NULL,
    "network" TEXT,
    "networkRef" TEXT,
    "sentDay" INTEGER,
    "doneAt" DATETIME,
    "claimedBy" TEXT,
    "claimUntil" BIGINT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AccountUpdaterFile_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccountUpdaterRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CardHistory" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "merchantId" BIGINT NOT NULL,
    "cardId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT,
    "otherCardId" TEXT,
    "requestId" INTEGER,
    "actor" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- AlterTable (columns added in place: no copy of the card table)
ALTER TABLE "Card" ADD COLUMN "auHold" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Card" ADD COLUMN "auHoldReason" TEXT;
ALTER TABLE "Card" ADD COLUMN "replacedBy" TEXT;
DROP INDEX "Card_merchantId_idx";
CREATE INDEX "Card_merchantId_id_idx" ON "Card"("merchantId", "id");

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

