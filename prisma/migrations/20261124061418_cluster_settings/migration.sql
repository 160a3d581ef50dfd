-- CreateTable
CREATE TABLE "ClusterSetting" (
    "cluster" TEXT NOT NULL PRIMARY KEY,
    "environment" TEXT NOT NULL DEFAULT 'production',
    "updatedBy" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
