-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "merchantId" BIGINT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "failedSignIns" INTEGER NOT NULL DEFAULT 0,
    "failedSecondFactors" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME,
    "lastSignInAt" DATETIME,
    "totpSecretSealed" BLOB,
    "totpKekVersion" INTEGER,
    "totpLastStep" INTEGER,
    "recoveryCodeHashes" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_User" ("createdAt", "email", "failedSignIns", "id", "lastSignInAt", "lockedUntil", "merchantId", "passwordHash", "recoveryCodeHashes", "role", "totpKekVersion", "totpLastStep", "totpSecretSealed") SELECT "createdAt", "email", "failedSignIns", "id", "lastSignInAt", "lockedUntil", "merchantId", "passwordHash", "recoveryCodeHashes", "role", "totpKekVersion", "totpLastStep", "totpSecretSealed" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_merchantId_idx" ON "User"("merchantId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

