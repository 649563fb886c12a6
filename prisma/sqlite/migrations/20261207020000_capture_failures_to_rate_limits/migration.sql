-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "CaptureFailure";
PRAGMA foreign_keys=on;
