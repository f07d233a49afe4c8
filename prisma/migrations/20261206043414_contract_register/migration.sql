-- 契約台帳 (issue 17, decision 068): an orderer's contracts, every revision of one (hand entry or file
-- import), and the uploaded files awaiting the clerk's confirmation. Written from the engine's diff
-- of the schema, with the CHECKs at the end added by hand.

-- CreateEnum
CREATE TYPE "ContractRevisionSource" AS ENUM ('HAND', 'IMPORT');

-- CreateEnum
CREATE TYPE "ContractImportStatus" AS ENUM ('PREVIEW', 'IMPORTED', 'CANCELLED');

-- CreateTable
CREATE TABLE "Contract" (
    "id" UUID NOT NULL,
    "ordererId" UUID NOT NULL,
    "contractNumber" TEXT NOT NULL,
    "projectName" TEXT NOT NULL,
    "contractorName" TEXT NOT NULL,
    "projectNameFolded" TEXT NOT NULL,
    "contractorNameFolded" TEXT NOT NULL,
    "contractAmount" BIGINT NOT NULL,
    "contractDate" DATE NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "advanceShareBp" INTEGER,
    "performanceShareBp" INTEGER,
    "departmentId" UUID,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractRevision" (
    "id" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "source" "ContractRevisionSource" NOT NULL,
    "importId" UUID,
    "userId" UUID NOT NULL,
    "changes" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContractRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractImport" (
    "id" UUID NOT NULL,
    "ordererId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "filename" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "status" "ContractImportStatus" NOT NULL DEFAULT 'PREVIEW',
    "rowCount" INTEGER NOT NULL,
    "errorCount" INTEGER NOT NULL,
    "createdCount" INTEGER NOT NULL,
    "updatedCount" INTEGER NOT NULL,
    "unchangedCount" INTEGER NOT NULL,
    "errors" JSONB NOT NULL,
    "rows" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "ContractImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Contract_ordererId_contractDate_id_idx" ON "Contract"("ordererId", "contractDate" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Contract_ordererId_contractNumber_key" ON "Contract"("ordererId", "contractNumber");

-- CreateIndex
CREATE INDEX "ContractRevision_importId_idx" ON "ContractRevision"("importId");

-- CreateIndex
CREATE UNIQUE INDEX "ContractRevision_contractId_revision_key" ON "ContractRevision"("contractId", "revision");

-- CreateIndex
CREATE INDEX "ContractImport_ordererId_createdAt_idx" ON "ContractImport"("ordererId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_ordererId_fkey" FOREIGN KEY ("ordererId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractRevision" ADD CONSTRAINT "ContractRevision_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractRevision" ADD CONSTRAINT "ContractRevision_importId_fkey" FOREIGN KEY ("importId") REFERENCES "ContractImport"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractRevision" ADD CONSTRAINT "ContractRevision_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractImport" ADD CONSTRAINT "ContractImport_ordererId_fkey" FOREIGN KEY ("ordererId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractImport" ADD CONSTRAINT "ContractImport_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The register's own rules, held by the database as well as the use cases.
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_amount_check" CHECK ("contractAmount" > 0);
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_period_check" CHECK ("periodEnd" >= "periodStart");
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_shares_check" CHECK (("advanceShareBp" IS NULL OR "advanceShareBp" BETWEEN 1 AND 10000) AND ("performanceShareBp" IS NULL OR "performanceShareBp" BETWEEN 1 AND 10000));
