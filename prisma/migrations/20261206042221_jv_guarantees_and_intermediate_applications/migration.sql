-- 共同企業体 guarantees and 中間前払金 applications from a 認定 (issue 16; docs/research/issue-16.md B2):
-- the JV an application and a guarantee name, 分割預託 per member, the 構成員 of a concluded JV guarantee,
-- and the 認定 and 前払金保証 an INTERMEDIATE application starts from (one guarantee per 認定).

-- CreateEnum
CREATE TYPE "DepositMode" AS ENUM ('SINGLE', 'SPLIT');

-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "advanceGuaranteeId" UUID,
ADD COLUMN     "certificationId" UUID,
ADD COLUMN     "depositMode" "DepositMode",
ADD COLUMN     "jointVentureId" UUID;

-- AlterTable
ALTER TABLE "Guarantee" ADD COLUMN     "certificationId" UUID,
ADD COLUMN     "jointVentureId" UUID;

-- CreateTable
CREATE TABLE "ApplicationDeposit" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "bank" TEXT NOT NULL,
    "branch" TEXT NOT NULL,
    "shareBasisPoints" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ApplicationDeposit_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ApplicationDeposit_share_range" CHECK ("shareBasisPoints" > 0 AND "shareBasisPoints" <= 10000)
);

-- CreateTable
CREATE TABLE "GuaranteeMember" (
    "guaranteeId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "number" CHAR(10) NOT NULL,
    "issuedOn" DATE NOT NULL,

    CONSTRAINT "GuaranteeMember_pkey" PRIMARY KEY ("guaranteeId","organizationId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationDeposit_applicationId_organizationId_key" ON "ApplicationDeposit"("applicationId", "organizationId");

-- CreateIndex
CREATE INDEX "GuaranteeMember_organizationId_issuedOn_number_idx" ON "GuaranteeMember"("organizationId", "issuedOn" DESC, "number" DESC);

-- CreateIndex
CREATE INDEX "Application_certificationId_idx" ON "Application"("certificationId");

-- CreateIndex
CREATE INDEX "Application_jointVentureId_idx" ON "Application"("jointVentureId");

-- CreateIndex
CREATE UNIQUE INDEX "Guarantee_certificationId_key" ON "Guarantee"("certificationId");

-- CreateIndex
CREATE INDEX "Guarantee_jointVentureId_idx" ON "Guarantee"("jointVentureId");

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_jointVentureId_fkey" FOREIGN KEY ("jointVentureId") REFERENCES "JointVenture"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "IntermediateCertification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_advanceGuaranteeId_fkey" FOREIGN KEY ("advanceGuaranteeId") REFERENCES "Guarantee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationDeposit" ADD CONSTRAINT "ApplicationDeposit_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationDeposit" ADD CONSTRAINT "ApplicationDeposit_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Guarantee" ADD CONSTRAINT "Guarantee_jointVentureId_fkey" FOREIGN KEY ("jointVentureId") REFERENCES "JointVenture"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Guarantee" ADD CONSTRAINT "Guarantee_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "IntermediateCertification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeMember" ADD CONSTRAINT "GuaranteeMember_guaranteeId_fkey" FOREIGN KEY ("guaranteeId") REFERENCES "Guarantee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeMember" ADD CONSTRAINT "GuaranteeMember_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
