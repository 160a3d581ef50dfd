-- CreateTable
CREATE TABLE "EvidenceSample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cluster" TEXT NOT NULL,
    "takenAt" DATETIME NOT NULL,
    "keyframe" BOOLEAN NOT NULL,
    "keyframeId" INTEGER,
    "payload" BLOB NOT NULL
);

-- CreateIndex
CREATE INDEX "EvidenceSample_cluster_takenAt_idx" ON "EvidenceSample"("cluster", "takenAt");
