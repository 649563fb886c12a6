-- AlterTable
ALTER TABLE "Checkout" ADD COLUMN     "askAddress" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "country" TEXT,
ADD COLUMN     "locale" TEXT;
