-- AlterTable
ALTER TABLE "User" ADD COLUMN     "failedSecondFactors" INTEGER NOT NULL DEFAULT 0;

