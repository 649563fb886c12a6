-- AlterTable
ALTER TABLE "Checkout" ADD COLUMN     "spentBySession" TEXT;

