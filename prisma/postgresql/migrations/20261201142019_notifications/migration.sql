-- AlterTable
ALTER TABLE "CatalogEntry" ADD COLUMN     "channels" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "onBreach" TEXT NOT NULL DEFAULT 'open';

-- CreateTable
CREATE TABLE "NotificationChannel" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "secret" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationDelivery" (
    "id" TEXT NOT NULL,
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
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationCursor" (
    "incidentId" TEXT NOT NULL,
    "lastSeq" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationCursor_pkey" PRIMARY KEY ("incidentId")
);

-- CreateTable
CREATE TABLE "ClusterRouting" (
    "cluster" TEXT NOT NULL,
    "defaultChannel" TEXT,
    "approversChannel" TEXT,
    "platformOwner" TEXT,
    "platformChannel" TEXT,
    "platformRunbook" TEXT,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClusterRouting_pkey" PRIMARY KEY ("cluster")
);

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
