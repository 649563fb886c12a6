-- CreateTable
CREATE TABLE "Plan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "merchantId" BIGINT NOT NULL,
    "code" TEXT NOT NULL,
    "activeCode" TEXT,
    "status" TEXT NOT NULL DEFAULT 'E',
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
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
    "dbaSuffix" TEXT,
    "previousId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Plan_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Plan_merchantId_code_idx" ON "Plan"("merchantId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Plan_merchantId_activeCode_key" ON "Plan"("merchantId", "activeCode");

