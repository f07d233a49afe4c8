-- 変更契約, 保証料領収証 and the 保証期間-ending notices (issue 7).
-- Guarantee gains the current 工期（自） and 保証期間（自）, backfilled from the concluded application
-- (conclusion requires both). GuaranteeChange rows did not exist before this migration, so
-- reasonNote can be NOT NULL without a default.
-- AlterTable
ALTER TABLE "Guarantee" ADD COLUMN     "guaranteeStart" DATE,
ADD COLUMN     "periodStart" DATE;
UPDATE "Guarantee" g SET "guaranteeStart" = a."guaranteeStart", "periodStart" = a."periodStart"
  FROM "Application" a WHERE a."id" = g."applicationId";
ALTER TABLE "Guarantee" ALTER COLUMN "guaranteeStart" SET NOT NULL,
ALTER COLUMN "periodStart" SET NOT NULL;

-- AlterTable
ALTER TABLE "GuaranteeChange" ADD COLUMN     "premiumAfter" BIGINT,
ADD COLUMN     "premiumBefore" BIGINT,
ADD COLUMN     "reasonNote" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "PremiumDocument" ADD COLUMN     "changeId" UUID;

-- CreateTable
CREATE TABLE "GuaranteeNotice" (
    "id" UUID NOT NULL,
    "guaranteeId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "occasion" TEXT NOT NULL,
    "mails" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuaranteeNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GuaranteeNotice_guaranteeId_kind_occasion_key" ON "GuaranteeNotice"("guaranteeId", "kind", "occasion");

-- CreateIndex
CREATE UNIQUE INDEX "PremiumDocument_changeId_key" ON "PremiumDocument"("changeId");

-- AddForeignKey
ALTER TABLE "GuaranteeChange" ADD CONSTRAINT "GuaranteeChange_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeNotice" ADD CONSTRAINT "GuaranteeNotice_guaranteeId_fkey" FOREIGN KEY ("guaranteeId") REFERENCES "Guarantee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PremiumDocument" ADD CONSTRAINT "PremiumDocument_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "GuaranteeChange"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
