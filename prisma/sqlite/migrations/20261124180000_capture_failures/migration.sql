-- CreateTable
CREATE TABLE "CaptureFailure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "clientAddress" TEXT NOT NULL,
    "checkoutId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "CaptureFailure_clientAddress_createdAt_idx" ON "CaptureFailure"("clientAddress", "createdAt");

