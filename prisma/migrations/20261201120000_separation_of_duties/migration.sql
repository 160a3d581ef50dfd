-- AlterTable
ALTER TABLE "GuardedAction" ADD COLUMN "approvedAt" DATETIME;
ALTER TABLE "GuardedAction" ADD COLUMN "approvedVia" TEXT;
ALTER TABLE "GuardedAction" ADD COLUMN "requestedByAccountable" TEXT;
ALTER TABLE "GuardedAction" ADD COLUMN "requestedVia" TEXT;
ALTER TABLE "GuardedAction" ADD COLUMN "requiredOwner" TEXT;
ALTER TABLE "GuardedAction" ADD COLUMN "rollbackApproval" TEXT;
ALTER TABLE "GuardedAction" ADD COLUMN "rollbackRequest" TEXT;

-- CreateTable
CREATE TABLE "OwnerMember" (
    "owner" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT,

    PRIMARY KEY ("owner", "userId"),
    CONSTRAINT "OwnerMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "OwnerMember_userId_idx" ON "OwnerMember"("userId");
