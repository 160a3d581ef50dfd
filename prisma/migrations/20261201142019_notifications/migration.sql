-- CreateTable
CREATE TABLE "NotificationChannel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "secret" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "NotificationDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channelId" TEXT NOT NULL,
    "channelName" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "entrySeq" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "lockedUntil" DATETIME,
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "NotificationCursor" (
    "incidentId" TEXT NOT NULL PRIMARY KEY,
    "lastSeq" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ClusterRouting" (
    "cluster" TEXT NOT NULL PRIMARY KEY,
    "defaultChannel" TEXT,
    "approversChannel" TEXT,
    "platformOwner" TEXT,
    "platformChannel" TEXT,
    "platformRunbook" TEXT,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CatalogEntry" (
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
    "channels" TEXT NOT NULL DEFAULT '[]',
    "onBreach" TEXT NOT NULL DEFAULT 'open',
    "notes" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_CatalogEntry" ("actionOwner", "createdAt", "diagnosisOwner", "freshnessSloSeconds", "id", "impactOwner", "kind", "match", "notes", "reads", "runbookUrl", "service", "team", "tier", "updatedAt") SELECT "actionOwner", "createdAt", "diagnosisOwner", "freshnessSloSeconds", "id", "impactOwner", "kind", "match", "notes", "reads", "runbookUrl", "service", "team", "tier", "updatedAt" FROM "CatalogEntry";
DROP TABLE "CatalogEntry";
ALTER TABLE "new_CatalogEntry" RENAME TO "CatalogEntry";
CREATE UNIQUE INDEX "CatalogEntry_kind_match_key" ON "CatalogEntry"("kind", "match");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "NotificationChannel_name_key" ON "NotificationChannel"("name");

-- CreateIndex
CREATE INDEX "NotificationDelivery_status_nextAttemptAt_idx" ON "NotificationDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "NotificationDelivery_incidentId_createdAt_idx" ON "NotificationDelivery"("incidentId", "createdAt");

-- CreateIndex
CREATE INDEX "NotificationDelivery_createdAt_idx" ON "NotificationDelivery"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationDelivery_entryId_channelId_key" ON "NotificationDelivery"("entryId", "channelId");

-- Incidents that exist before the notifier: their past entries are history, not news.
INSERT INTO "NotificationCursor" ("incidentId", "lastSeq", "updatedAt") SELECT "id", "lastSeq", CURRENT_TIMESTAMP FROM "Incident";
