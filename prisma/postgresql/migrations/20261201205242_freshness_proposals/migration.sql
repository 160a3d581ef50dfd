-- CreateTable
CREATE TABLE "FreshnessProposal" (
    "id" TEXT NOT NULL,
    "cluster" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "breachStartedAt" TIMESTAMP(3) NOT NULL,
    "detectedAt" TIMESTAMP(3) NOT NULL,
    "breach" TEXT NOT NULL,
    "incidentId" TEXT,
    "decidedById" TEXT,
    "decidedByName" TEXT,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FreshnessProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FreshnessProposal_status_idx" ON "FreshnessProposal"("status");

-- CreateIndex
CREATE INDEX "FreshnessProposal_cluster_group_status_idx" ON "FreshnessProposal"("cluster", "group", "status");
