-- DropTable
DROP TABLE "CaptureFailure";
