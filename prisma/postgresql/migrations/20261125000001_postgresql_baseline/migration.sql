
-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "cluster" TEXT NOT NULL DEFAULT 'default',
    "scope" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "severity" TEXT,
    "commanderId" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentEntry" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "item" TEXT,
    "authorId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "authorKind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" TEXT NOT NULL,
    "correctsEntryId" TEXT,
    "idempotencyKey" TEXT,

    CONSTRAINT "IncidentEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CatalogEntry" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "match" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "freshnessSloSeconds" INTEGER,
    "impactOwner" TEXT NOT NULL,
    "diagnosisOwner" TEXT NOT NULL,
    "actionOwner" TEXT NOT NULL,
    "runbookUrl" TEXT,
    "reads" TEXT NOT NULL DEFAULT '[]',
    "notes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertRecord" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "alertName" TEXT NOT NULL,
    "scopeKey" TEXT NOT NULL,
    "incidentId" TEXT,
    "labels" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),
    "firstSeen" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeen" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuardedAction" (
    "id" TEXT NOT NULL,
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
    "executedAt" TIMESTAMP(3),
    "result" TEXT,
    "rollback" TEXT NOT NULL,
    "rolledBackAt" TIMESTAMP(3),
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GuardedAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 1,
    "content" TEXT NOT NULL,
    "snapshot" TEXT,
    "publishedAt" TIMESTAMP(3),
    "publishedBy" TEXT,
    "updatedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "dueDate" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "control" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceSample" (
    "id" SERIAL NOT NULL,
    "cluster" TEXT NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL,
    "keyframe" BOOLEAN NOT NULL,
    "keyframeId" INTEGER,
    "payload" BYTEA NOT NULL,

    CONSTRAINT "EvidenceSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClusterSetting" (
    "cluster" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'production',
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClusterSetting_pkey" PRIMARY KEY ("cluster")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "Incident_status_idx" ON "Incident"("status");

-- CreateIndex
CREATE INDEX "Incident_openedAt_idx" ON "Incident"("openedAt");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentEntry_idempotencyKey_key" ON "IncidentEntry"("idempotencyKey");

-- CreateIndex
CREATE INDEX "IncidentEntry_incidentId_item_idx" ON "IncidentEntry"("incidentId", "item");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentEntry_incidentId_seq_key" ON "IncidentEntry"("incidentId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogEntry_kind_match_key" ON "CatalogEntry"("kind", "match");

-- CreateIndex
CREATE INDEX "AlertRecord_scopeKey_lastSeen_idx" ON "AlertRecord"("scopeKey", "lastSeen");

-- CreateIndex
CREATE INDEX "AlertRecord_incidentId_idx" ON "AlertRecord"("incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "AlertRecord_source_fingerprint_key" ON "AlertRecord"("source", "fingerprint");

-- CreateIndex
CREATE INDEX "GuardedAction_incidentId_createdAt_idx" ON "GuardedAction"("incidentId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Review_incidentId_key" ON "Review"("incidentId");

-- CreateIndex
CREATE INDEX "ActionItem_incidentId_idx" ON "ActionItem"("incidentId");

-- CreateIndex
CREATE INDEX "ActionItem_status_dueDate_idx" ON "ActionItem"("status", "dueDate");

-- CreateIndex
CREATE INDEX "EvidenceSample_cluster_takenAt_idx" ON "EvidenceSample"("cluster", "takenAt");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentEntry" ADD CONSTRAINT "IncidentEntry_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The incident log is append-only: the database itself refuses edits and deletions.
CREATE FUNCTION "IncidentEntry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'IncidentEntry is append-only';
END;
$$;

CREATE TRIGGER "IncidentEntry_no_update" BEFORE UPDATE ON "IncidentEntry"
    FOR EACH ROW EXECUTE FUNCTION "IncidentEntry_append_only"();

CREATE TRIGGER "IncidentEntry_no_delete" BEFORE DELETE ON "IncidentEntry"
    FOR EACH ROW EXECUTE FUNCTION "IncidentEntry_append_only"();
