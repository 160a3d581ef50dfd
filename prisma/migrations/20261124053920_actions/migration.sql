-- CreateTable
CREATE TABLE "GuardedAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "params" TEXT NOT NULL,
    "dryRun" TEXT NOT NULL,
    "blastRadius" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "requestedByName" TEXT NOT NULL,
    "approvedBy" TEXT,
    "approvedByName" TEXT,
    "decisionNote" TEXT,
    "executedBy" TEXT,
    "executedAt" DATETIME,
    "result" TEXT,
    "rollback" TEXT NOT NULL,
    "rolledBackAt" DATETIME,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "GuardedAction_incidentId_createdAt_idx" ON "GuardedAction"("incidentId", "createdAt");
