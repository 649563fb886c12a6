-- CreateTable
CREATE TABLE "KeyCheckValue" (
    "keyName" TEXT NOT NULL,
    "checkValue" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeyCheckValue_pkey" PRIMARY KEY ("keyName")
);
