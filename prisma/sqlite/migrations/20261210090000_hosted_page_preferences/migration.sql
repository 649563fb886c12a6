-- AlterTable
ALTER TABLE "Checkout" ADD COLUMN "locale" TEXT;
ALTER TABLE "Checkout" ADD COLUMN "country" TEXT;
ALTER TABLE "Checkout" ADD COLUMN "askAddress" BOOLEAN NOT NULL DEFAULT false;
