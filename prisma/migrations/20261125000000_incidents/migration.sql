-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "cluster" TEXT NOT NULL DEFAULT 'default',
    "scope" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "severity" TEXT,
    "commanderId" TEXT,
    "openedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "lastSeq" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "IncidentEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "item" TEXT,
    "authorId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "authorKind" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" TEXT NOT NULL,
    "correctsEntryId" TEXT,
    "idempotencyKey" TEXT,
    CONSTRAINT "IncidentEntry_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

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

-- The incident log is append-only: the database itself refuses edits and deletions.
CREATE TRIGGER "IncidentEntry_no_update" BEFORE UPDATE ON "IncidentEntry"
BEGIN
    SELECT RAISE(ABORT, 'IncidentEntry is append-only');
END;

CREATE TRIGGER "IncidentEntry_no_delete" BEFORE DELETE ON "IncidentEntry"
BEGIN
    SELECT RAISE(ABORT, 'IncidentEntry is append-only');
END;
