-- CreateTable
CREATE TABLE "Plan" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Plan_merchantId_code_idx" ON "Plan"("merchantId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Plan_merchantId_activeCode_key" ON "Plan"("merchantId", "activeCode");

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

