-- CreateTable
CREATE TABLE "CatalogEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AlertRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "source" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "alertName" TEXT NOT NULL,
    "scopeKey" TEXT NOT NULL,
    "incidentId" TEXT,
    "labels" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "firstSeen" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeen" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "CatalogEntry_kind_match_key" ON "CatalogEntry"("kind", "match");

-- CreateIndex
CREATE INDEX "AlertRecord_scopeKey_lastSeen_idx" ON "AlertRecord"("scopeKey", "lastSeen");

-- CreateIndex
CREATE INDEX "AlertRecord_incidentId_idx" ON "AlertRecord"("incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "AlertRecord_source_fingerprint_key" ON "AlertRecord"("source", "fingerprint");
