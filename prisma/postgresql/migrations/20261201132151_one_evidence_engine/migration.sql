-- One cluster identity (issue 12): sample rows were keyed "name|brokers"; they are keyed by the
-- cluster's name now, like incidents. History from another Kafka cluster under the same name is
-- recognised by Kafka's own cluster id inside each sample.
UPDATE "EvidenceSample" SET "cluster" = split_part("cluster", '|', 1) WHERE strpos("cluster", '|') > 0;

-- CreateTable
CREATE TABLE "SeverityProposal" (
    "incidentId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "evidenceTakenAt" TIMESTAMP(3),
    "evaluatedAt" TIMESTAMP(3) NOT NULL,
    "entrySeq" INTEGER,

    CONSTRAINT "SeverityProposal_pkey" PRIMARY KEY ("incidentId")
);

-- CreateTable
CREATE TABLE "KeptEvidence" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "moment" TEXT NOT NULL,
    "entrySeq" INTEGER NOT NULL DEFAULT 0,
    "takenAt" TIMESTAMP(3),
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeptEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScopeEvent" (
    "id" TEXT NOT NULL,
    "cluster" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "service" TEXT,
    "url" TEXT,
    "topics" TEXT NOT NULL DEFAULT '[]',
    "groups" TEXT NOT NULL DEFAULT '[]',
    "source" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScopeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "KeptEvidence_incidentId_moment_entrySeq_key" ON "KeptEvidence"("incidentId", "moment", "entrySeq");

-- CreateIndex
CREATE UNIQUE INDEX "ScopeEvent_idempotencyKey_key" ON "ScopeEvent"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ScopeEvent_cluster_at_idx" ON "ScopeEvent"("cluster", "at");

-- CreateIndex
CREATE INDEX "EvidenceSample_cluster_keyframe_takenAt_idx" ON "EvidenceSample"("cluster", "keyframe", "takenAt");
