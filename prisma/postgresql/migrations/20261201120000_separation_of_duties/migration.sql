-- AlterTable
ALTER TABLE "GuardedAction" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedVia" TEXT,
ADD COLUMN     "requestedByAccountable" TEXT,
ADD COLUMN     "requestedVia" TEXT,
ADD COLUMN     "requiredOwner" TEXT,
ADD COLUMN     "rollbackApproval" TEXT,
ADD COLUMN     "rollbackRequest" TEXT;

-- CreateTable
CREATE TABLE "OwnerMember" (
    "owner" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT,

    CONSTRAINT "OwnerMember_pkey" PRIMARY KEY ("owner","userId")
);

-- CreateIndex
CREATE INDEX "OwnerMember_userId_idx" ON "OwnerMember"("userId");

-- AddForeignKey
ALTER TABLE "OwnerMember" ADD CONSTRAINT "OwnerMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
