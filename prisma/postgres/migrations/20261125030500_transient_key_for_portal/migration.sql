-- AlterTable
ALTER TABLE "TransientKey" ADD COLUMN     "forPortal" BOOLEAN NOT NULL DEFAULT false;
