-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TransientKey" (
    "hash" TEXT NOT NULL PRIMARY KEY,
    "merchantId" BIGINT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "forPortal" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_TransientKey" ("createdAt", "expiresAt", "failedAttempts", "hash", "merchantId", "usedAt") SELECT "createdAt", "expiresAt", "failedAttempts", "hash", "merchantId", "usedAt" FROM "TransientKey";
DROP TABLE "TransientKey";
ALTER TABLE "new_TransientKey" RENAME TO "TransientKey";
CREATE INDEX "TransientKey_merchantId_idx" ON "TransientKey"("merchantId");
CREATE INDEX "TransientKey_expiresAt_idx" ON "TransientKey"("expiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
