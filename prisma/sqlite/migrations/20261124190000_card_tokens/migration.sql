-- CreateTable
CREATE TABLE "PendingCard" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" BIGINT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "maskedNumber" TEXT NOT NULL,
    "cardType" TEXT NOT NULL,
    "expDate" TEXT NOT NULL,
    "sealedNumber" BLOB NOT NULL,
    "kekVersion" INTEGER NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT,
    "addr1" TEXT,
    "city" TEXT,
    "state" TEXT,
    "zip" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TransientKey" (
    "hash" TEXT NOT NULL PRIMARY KEY,
    "merchantId" BIGINT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_TransientKey" ("createdAt", "expiresAt", "hash", "merchantId", "usedAt") SELECT "createdAt", "expiresAt", "hash", "merchantId", "usedAt" FROM "TransientKey";
DROP TABLE "TransientKey";
ALTER TABLE "new_TransientKey" RENAME TO "TransientKey";
CREATE INDEX "TransientKey_merchantId_idx" ON "TransientKey"("merchantId");
CREATE INDEX "TransientKey_expiresAt_idx" ON "TransientKey"("expiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PendingCard_merchantId_idx" ON "PendingCard"("merchantId");

-- CreateIndex
CREATE INDEX "PendingCard_expiresAt_idx" ON "PendingCard"("expiresAt");

