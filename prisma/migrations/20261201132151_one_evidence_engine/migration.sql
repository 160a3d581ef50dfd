-- One cluster identity (issue 12): sample rows were keyed "name|brokers"; they are keyed by the
-- cluster's name now, like incidents. History from another Kafka cluster under the same name is
-- recognised by Kafka's own cluster id inside each sample.
UPDATE "EvidenceSample" SET "cluster" = substr("cluster", 1, instr("cluster", '|') - 1) WHERE instr("cluster", '|') > 0;

-- CreateTable
CREATE TABLE "SeverityProposal" (
    "incidentId" TEXT NOT NULL PRIMARY KEY,
    "level" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "evidenceTakenAt" DATETIME,
    "evaluatedAt" DATETIME NOT NULL,
    "entrySeq" INTEGER
);

-- CreateTable
CREATE TABLE "KeptEvidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "moment" TEXT NOT NULL,
    "entrySeq" INTEGER NOT NULL DEFAULT 0,
    "takenAt" DATETIME,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ScopeEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cluster" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "service" TEXT,
    "url" TEXT,
    "topics" TEXT NOT NULL DEFAULT '[]',
    "groups" TEXT NOT NULL DEFAULT '[]',
    "source" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "KeptEvidence_incidentId_moment_entrySeq_key" ON "KeptEvidence"("incidentId", "moment", "entrySeq");

-- CreateIndex
CREATE UNIQUE INDEX "ScopeEvent_idempotencyKey_key" ON "ScopeEvent"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ScopeEvent_cluster_at_idx" ON "ScopeEvent"("cluster", "at");

-- CreateIndex
CREATE INDEX "EvidenceSample_cluster_keyframe_takenAt_idx" ON "EvidenceSample"("cluster", "keyframe", "takenAt");
