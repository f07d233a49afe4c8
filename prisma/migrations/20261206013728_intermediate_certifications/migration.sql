-- 中間前払金の認定 (issue 16, decisions 066 and 067): the request, its 工事履行報告書 (PDF attachments), the
-- clerk's decision with its number per orderer and 年度, and the orderer's rules about it.

-- CreateEnum
CREATE TYPE "CertificationStatus" AS ENUM ('REQUESTED', 'CERTIFIED', 'REFUSED', 'WITHDRAWN');

-- AlterTable
ALTER TABLE "OrdererRules" ADD COLUMN     "certificationDepartmentId" UUID,
ADD COLUMN     "certificationRoute" "RouteTarget" NOT NULL DEFAULT 'WORKS_DEPARTMENT',
ADD COLUMN     "combinedAdvanceDenominator" INTEGER,
ADD COLUMN     "combinedAdvanceNumerator" INTEGER,
ADD COLUMN     "intermediateRequiresCertification" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "IntermediateCertification" (
    "id" UUID NOT NULL,
    "advanceGuaranteeId" UUID NOT NULL,
    "contractorId" UUID NOT NULL,
    "ordererId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "status" "CertificationStatus" NOT NULL DEFAULT 'REQUESTED',
    "projectName" TEXT NOT NULL,
    "projectLocation" TEXT NOT NULL,
    "contractDate" DATE NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "contractAmount" BIGINT NOT NULL,
    "advanceAmount" BIGINT NOT NULL,
    "reportedOn" DATE NOT NULL,
    "plannedProgressBp" INTEGER NOT NULL,
    "actualProgressBp" INTEGER NOT NULL,
    "workDoneAmount" BIGINT NOT NULL,
    "requestedAmount" BIGINT NOT NULL,
    "noPartialPayment" BOOLEAN NOT NULL,
    "note" TEXT,
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "certifiedOn" DATE,
    "fiscalYear" INTEGER,
    "serial" INTEGER,
    "decisionNote" TEXT,
    "documentContent" JSONB,
    "withdrawnAt" TIMESTAMP(3),
    "withdrawnReason" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IntermediateCertification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificationCounter" (
    "ordererId" UUID NOT NULL,
    "fiscalYear" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CertificationCounter_pkey" PRIMARY KEY ("ordererId","fiscalYear")
);

-- CreateTable
CREATE TABLE "CertificationAttachment" (
    "id" UUID NOT NULL,
    "certificationId" UUID NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "content" BYTEA,
    "storedPath" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CertificationAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IntermediateCertification_ordererId_departmentId_status_req_idx" ON "IntermediateCertification"("ordererId", "departmentId", "status", "requestedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "IntermediateCertification_contractorId_requestedAt_id_idx" ON "IntermediateCertification"("contractorId", "requestedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "IntermediateCertification_advanceGuaranteeId_idx" ON "IntermediateCertification"("advanceGuaranteeId");

-- CreateIndex
CREATE UNIQUE INDEX "IntermediateCertification_ordererId_fiscalYear_serial_key" ON "IntermediateCertification"("ordererId", "fiscalYear", "serial");

-- CreateIndex
CREATE INDEX "CertificationAttachment_certificationId_idx" ON "CertificationAttachment"("certificationId");

-- AddForeignKey
ALTER TABLE "OrdererRules" ADD CONSTRAINT "OrdererRules_certificationDepartmentId_fkey" FOREIGN KEY ("certificationDepartmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntermediateCertification" ADD CONSTRAINT "IntermediateCertification_advanceGuaranteeId_fkey" FOREIGN KEY ("advanceGuaranteeId") REFERENCES "Guarantee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntermediateCertification" ADD CONSTRAINT "IntermediateCertification_contractorId_fkey" FOREIGN KEY ("contractorId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntermediateCertification" ADD CONSTRAINT "IntermediateCertification_ordererId_fkey" FOREIGN KEY ("ordererId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntermediateCertification" ADD CONSTRAINT "IntermediateCertification_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntermediateCertification" ADD CONSTRAINT "IntermediateCertification_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntermediateCertification" ADD CONSTRAINT "IntermediateCertification_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificationAttachment" ADD CONSTRAINT "CertificationAttachment_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "IntermediateCertification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- At most one live 認定 (認定待ち or 認定) per 前払金保証: a 不認定 or 取下げ may be followed by a new request.
CREATE UNIQUE INDEX "IntermediateCertification_live" ON "IntermediateCertification" ("advanceGuaranteeId") WHERE "status" IN ('REQUESTED', 'CERTIFIED');

-- A 認定 has its number, its 認定日 and its document; no other status has them.
ALTER TABLE "IntermediateCertification" ADD CONSTRAINT "IntermediateCertification_certified_check"
  CHECK (("status" = 'CERTIFIED') = ("serial" IS NOT NULL AND "fiscalYear" IS NOT NULL AND "certifiedOn" IS NOT NULL AND "documentContent" IS NOT NULL));

-- Progress in 0.01 % from 0 to 100.00 %.
ALTER TABLE "IntermediateCertification" ADD CONSTRAINT "IntermediateCertification_progress_check"
  CHECK ("plannedProgressBp" BETWEEN 0 AND 10000 AND "actualProgressBp" BETWEEN 0 AND 10000);

-- An attachment's bytes are in the database or in a file under ATTACHMENT_DIR, never both, never neither.
ALTER TABLE "CertificationAttachment" ADD CONSTRAINT "CertificationAttachment_store_check"
  CHECK (("content" IS NULL) <> ("storedPath" IS NULL));

-- The combined limit is a fraction or nothing.
ALTER TABLE "OrdererRules" ADD CONSTRAINT "OrdererRules_combined_advance_check"
  CHECK (("combinedAdvanceNumerator" IS NULL) = ("combinedAdvanceDenominator" IS NULL)
    AND ("combinedAdvanceDenominator" IS NULL OR ("combinedAdvanceNumerator" > 0 AND "combinedAdvanceDenominator" > 0)));
