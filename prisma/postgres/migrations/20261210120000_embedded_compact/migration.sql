-- AlterTable
ALTER TABLE "TransientKey" ADD COLUMN     "compact" BOOLEAN NOT NULL DEFAULT false;
