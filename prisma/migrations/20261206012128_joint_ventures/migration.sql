-- 共同企業体 as data (issue 16): a JV of 2–5 contractor companies, one 代表者, shares in 0.01 %.

-- CreateEnum
CREATE TYPE "JointVentureKind" AS ENUM ('SPECIFIC', 'REGULAR');

-- CreateEnum
CREATE TYPE "JointVentureMode" AS ENUM ('JOINT', 'DIVIDED');

-- CreateEnum
CREATE TYPE "JointVentureRole" AS ENUM ('REPRESENTATIVE', 'MEMBER');

-- CreateTable
CREATE TABLE "JointVenture" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "nameKana" TEXT,
    "kind" "JointVentureKind" NOT NULL,
    "mode" "JointVentureMode" NOT NULL,
    "formedOn" DATE,
    "closedOn" DATE,
    "note" TEXT,
    "lockedAt" TIMESTAMP(3),
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JointVenture_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JointVentureMember" (
    "jointVentureId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "role" "JointVentureRole" NOT NULL,
    "shareBasisPoints" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "JointVentureMember_pkey" PRIMARY KEY ("jointVentureId","organizationId")
);

-- CreateIndex
CREATE INDEX "JointVenture_name_idx" ON "JointVenture"("name");

-- CreateIndex
CREATE INDEX "JointVentureMember_organizationId_idx" ON "JointVentureMember"("organizationId");

-- AddForeignKey
ALTER TABLE "JointVentureMember" ADD CONSTRAINT "JointVentureMember_jointVentureId_fkey" FOREIGN KEY ("jointVentureId") REFERENCES "JointVenture"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JointVentureMember" ADD CONSTRAINT "JointVentureMember_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- One 代表者 per JV, whatever writes the rows.
CREATE UNIQUE INDEX "JointVentureMember_one_representative" ON "JointVentureMember" ("jointVentureId") WHERE "role" = 'REPRESENTATIVE';

-- A share is more than 0 and at most 100.00 %; their sum of 100.00 % is checked by the use case, which
-- writes a JV's rows together in one transaction.
ALTER TABLE "JointVentureMember" ADD CONSTRAINT "JointVentureMember_share_check"
  CHECK ("shareBasisPoints" > 0 AND "shareBasisPoints" <= 10000);

-- 解散日 on or after 結成日.
ALTER TABLE "JointVenture" ADD CONSTRAINT "JointVenture_dates_check"
  CHECK ("closedOn" IS NULL OR "formedOn" IS NULL OR "closedOn" >= "formedOn");
