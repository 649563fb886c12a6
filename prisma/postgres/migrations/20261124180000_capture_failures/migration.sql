-- CreateTable
CREATE TABLE "CaptureFailure" (
    "id" SERIAL NOT NULL,
    "clientAddress" TEXT NOT NULL,
    "checkoutId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaptureFailure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaptureFailure_clientAddress_createdAt_idx" ON "CaptureFailure"("clientAddress", "createdAt");

