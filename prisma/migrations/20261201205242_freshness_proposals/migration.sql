-- CreateTable
CREATE TABLE "FreshnessProposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cluster" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "breachStartedAt" DATETIME NOT NULL,
    "detectedAt" DATETIME NOT NULL,
    "breach" TEXT NOT NULL,
    "incidentId" TEXT,
    "decidedById" TEXT,
    "decidedByName" TEXT,
    "decidedAt" DATETIME,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "FreshnessProposal_status_idx" ON "FreshnessProposal"("status");

-- CreateIndex
CREATE INDEX "FreshnessProposal_cluster_group_status_idx" ON "FreshnessProposal"("cluster", "group", "status");
