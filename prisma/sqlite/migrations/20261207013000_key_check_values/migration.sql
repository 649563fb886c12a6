-- CreateTable
CREATE TABLE "KeyCheckValue" (
    "keyName" TEXT NOT NULL PRIMARY KEY,
    "checkValue" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
