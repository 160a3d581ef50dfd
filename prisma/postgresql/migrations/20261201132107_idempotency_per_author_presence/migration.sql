-- DropIndex
DROP INDEX "IncidentEntry_idempotencyKey_key";

-- CreateTable
CREATE TABLE "Presence" (
    "connectionId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Presence_pkey" PRIMARY KEY ("connectionId")
);

-- CreateIndex
CREATE INDEX "Presence_incidentId_seenAt_idx" ON "Presence"("incidentId", "seenAt");

-- CreateIndex
CREATE INDEX "Presence_instanceId_idx" ON "Presence"("instanceId");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentEntry_authorId_idempotencyKey_key" ON "IncidentEntry"("authorId", "idempotencyKey");
