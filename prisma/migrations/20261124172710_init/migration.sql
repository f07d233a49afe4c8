-- CreateEnum
CREATE TYPE "OrganizationKind" AS ENUM ('CONTRACTOR', 'ORDERER', 'SURETY');

-- CreateEnum
CREATE TYPE "DepartmentKind" AS ENUM ('CONTRACT_SECTION', 'WORKS_SECTION', 'OTHER');

-- CreateEnum
CREATE TYPE "WorkType" AS ENUM ('WORKS', 'CONSULTING');

-- CreateEnum
CREATE TYPE "GuaranteeKind" AS ENUM ('ADVANCE', 'INTERMEDIATE', 'CONTRACT');

-- CreateEnum
CREATE TYPE "LimitBound" AS ENUM ('MAX', 'MIN');

-- CreateEnum
CREATE TYPE "RouteTarget" AS ENUM ('WORKS_DEPARTMENT', 'FIXED_DEPARTMENT');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('CONTRACTOR', 'ORDERER', 'ADMIN');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'WITHDRAWN', 'CONCLUDED');

-- CreateEnum
CREATE TYPE "DeliveryMethod" AS ENUM ('ELECTRONIC', 'PAPER');

-- CreateEnum
CREATE TYPE "GuaranteeStatus" AS ENUM ('ACTIVE', 'CANCELLED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "ChangeKind" AS ENUM ('ORIGINAL', 'CHANGE');

-- CreateEnum
CREATE TYPE "RoundingRule" AS ENUM ('FLOOR', 'CEIL', 'HALF_UP');

-- CreateEnum
CREATE TYPE "PremiumDocumentKind" AS ENUM ('CALCULATION', 'RECEIPT');

-- CreateEnum
CREATE TYPE "LookupOutcome" AS ENUM ('FOUND', 'NOT_FOUND', 'INVALID_NUMBER', 'THROTTLED');

-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "Organization" (
    "id" UUID NOT NULL,
    "kind" "OrganizationKind" NOT NULL,
    "name" TEXT NOT NULL,
    "nameKana" TEXT,
    "postalCode" TEXT,
    "address" TEXT,
    "phone" TEXT,
    "certificateName" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Department" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "DepartmentKind" NOT NULL DEFAULT 'WORKS_SECTION',
    "email" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrdererRules" (
    "organizationId" UUID NOT NULL,
    "electronicFrom" DATE,
    "electronicWorkTypes" "WorkType"[],
    "subjectTemplate" TEXT NOT NULL,
    "printoutAccepted" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrdererRules_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "OrdererAmountLimit" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "guaranteeKind" "GuaranteeKind" NOT NULL,
    "workType" "WorkType",
    "bound" "LimitBound" NOT NULL,
    "numerator" INTEGER NOT NULL,
    "denominator" INTEGER NOT NULL,

    CONSTRAINT "OrdererAmountLimit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrdererRoute" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "guaranteeKind" "GuaranteeKind" NOT NULL,
    "target" "RouteTarget" NOT NULL,
    "departmentId" UUID,

    CONSTRAINT "OrdererRoute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuretyIssuer" (
    "organizationId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "companyName" TEXT NOT NULL,
    "representativeTitle" TEXT NOT NULL,
    "representativeName" TEXT NOT NULL,
    "termsUrl" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SuretyIssuer_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "SuretyBranch" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "tel" TEXT NOT NULL,
    "fax" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SuretyBranch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "loginId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "role" "Role" NOT NULL,
    "organizationId" UUID NOT NULL,
    "departmentId" UUID,
    "passwordHash" TEXT NOT NULL,
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "failedSignInCount" INTEGER NOT NULL DEFAULT 0,
    "lastFailedSignInAt" TIMESTAMP(3),
    "lastSignInAt" TIMESTAMP(3),
    "passwordChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP(3),

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" UUID NOT NULL,
    "contractorId" UUID NOT NULL,
    "createdById" UUID NOT NULL,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'DRAFT',
    "guaranteeKind" "GuaranteeKind",
    "ordererId" UUID,
    "worksDepartmentId" UUID,
    "projectName" TEXT,
    "projectLocation" TEXT,
    "workType" "WorkType",
    "contractDate" DATE,
    "periodStart" DATE,
    "periodEnd" DATE,
    "contractAmount" BIGINT,
    "guaranteeAmount" BIGINT,
    "guaranteeStart" DATE,
    "guaranteeEnd" DATE,
    "depositBank" TEXT,
    "depositBranch" TEXT,
    "notes" TEXT,
    "deliveryMethod" "DeliveryMethod",
    "returnReason" TEXT,
    "submittedAt" TIMESTAMP(3),
    "returnedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),
    "concludedAt" TIMESTAMP(3),
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Guarantee" (
    "id" UUID NOT NULL,
    "number" CHAR(10) NOT NULL,
    "applicationId" UUID NOT NULL,
    "contractorId" UUID NOT NULL,
    "ordererId" UUID NOT NULL,
    "branchId" UUID,
    "kind" "GuaranteeKind" NOT NULL,
    "deliveryMethod" "DeliveryMethod" NOT NULL,
    "status" "GuaranteeStatus" NOT NULL DEFAULT 'ACTIVE',
    "projectName" TEXT NOT NULL,
    "contractAmount" BIGINT NOT NULL,
    "guaranteeAmount" BIGINT NOT NULL,
    "guaranteeEnd" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "issuedOn" DATE NOT NULL,
    "latestVersion" INTEGER NOT NULL DEFAULT 1,
    "changed" BOOLEAN NOT NULL DEFAULT false,
    "premiumYen" BIGINT NOT NULL,
    "concludedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "concludedById" UUID NOT NULL,
    "cancelledOn" DATE,
    "cancelReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Guarantee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificateVersion" (
    "id" UUID NOT NULL,
    "guaranteeId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "changeKind" "ChangeKind" NOT NULL,
    "issuedOn" DATE NOT NULL,
    "content" JSONB NOT NULL,
    "digest" TEXT,
    "signature" TEXT,
    "signingKeyId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CertificateVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuaranteeChange" (
    "id" UUID NOT NULL,
    "guaranteeId" UUID NOT NULL,
    "changeContractDate" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "fields" JSONB NOT NULL,
    "certificateVersionId" UUID,
    "premiumDifference" BIGINT,
    "recordedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuaranteeChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthKey" (
    "id" UUID NOT NULL,
    "guaranteeId" UUID NOT NULL,
    "keyHash" TEXT NOT NULL,
    "sealed" TEXT,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedById" UUID,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "AuthKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PremiumRateTable" (
    "id" UUID NOT NULL,
    "guaranteeKind" "GuaranteeKind" NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "minimumPremium" BIGINT NOT NULL,
    "roundingUnit" INTEGER NOT NULL DEFAULT 1,
    "rounding" "RoundingRule" NOT NULL DEFAULT 'FLOOR',
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PremiumRateTable_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PremiumRateBracket" (
    "id" UUID NOT NULL,
    "tableId" UUID NOT NULL,
    "amountFrom" BIGINT NOT NULL,
    "amountTo" BIGINT,
    "periodFromDays" INTEGER NOT NULL,
    "periodToDays" INTEGER,
    "ratePpm" INTEGER NOT NULL,

    CONSTRAINT "PremiumRateBracket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PremiumDocument" (
    "id" UUID NOT NULL,
    "guaranteeId" UUID NOT NULL,
    "kind" "PremiumDocumentKind" NOT NULL,
    "amount" BIGINT NOT NULL,
    "lines" JSONB NOT NULL,
    "rateTableId" UUID,
    "issuedOn" DATE NOT NULL,
    "paidOn" DATE,
    "paymentMethod" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PremiumDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LookupAttempt" (
    "id" UUID NOT NULL,
    "userId" UUID,
    "apiTokenId" UUID,
    "organizationId" UUID,
    "numberInput" TEXT NOT NULL,
    "guaranteeId" UUID,
    "outcome" "LookupOutcome" NOT NULL,
    "clientAddress" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LookupAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Confirmation" (
    "id" UUID NOT NULL,
    "guaranteeId" UUID NOT NULL,
    "certificateVersionId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "departmentId" UUID,
    "userId" UUID,
    "statusAtConfirmation" "GuaranteeStatus" NOT NULL,
    "confirmedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Confirmation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" UUID NOT NULL,
    "guaranteeId" UUID NOT NULL,
    "certificateVersionId" UUID NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "sentById" UUID NOT NULL,
    "outboxMailId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" UUID NOT NULL,
    "actorUserId" UUID,
    "actorRole" "Role",
    "organizationId" UUID,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "details" JSONB,
    "clientAddress" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMail" (
    "id" UUID NOT NULL,
    "template" TEXT NOT NULL,
    "to" TEXT[],
    "cc" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "subject" TEXT NOT NULL,
    "bodyText" TEXT NOT NULL,
    "status" "MailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "relatedType" TEXT,
    "relatedId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailAttachment" (
    "id" UUID NOT NULL,
    "mailId" UUID NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "content" BYTEA NOT NULL,

    CONSTRAINT "MailAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Organization_kind_name_idx" ON "Organization"("kind", "name");

-- CreateIndex
CREATE INDEX "Department_organizationId_sortOrder_idx" ON "Department"("organizationId", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "Department_organizationId_name_key" ON "Department"("organizationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "OrdererAmountLimit_organizationId_guaranteeKind_workType_bo_key" ON "OrdererAmountLimit"("organizationId", "guaranteeKind", "workType", "bound");

-- CreateIndex
CREATE UNIQUE INDEX "OrdererRoute_organizationId_guaranteeKind_key" ON "OrdererRoute"("organizationId", "guaranteeKind");

-- CreateIndex
CREATE UNIQUE INDEX "SuretyBranch_organizationId_name_key" ON "SuretyBranch"("organizationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "User_loginId_key" ON "User"("loginId");

-- CreateIndex
CREATE INDEX "User_organizationId_role_idx" ON "User"("organizationId", "role");

-- CreateIndex
CREATE INDEX "RateLimit_expire_idx" ON "RateLimit"("expire");

-- CreateIndex
CREATE INDEX "Application_contractorId_status_updatedAt_idx" ON "Application"("contractorId", "status", "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "Application_status_submittedAt_idx" ON "Application"("status", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Guarantee_number_key" ON "Guarantee"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Guarantee_applicationId_key" ON "Guarantee"("applicationId");

-- CreateIndex
CREATE INDEX "Guarantee_contractorId_issuedOn_number_idx" ON "Guarantee"("contractorId", "issuedOn" DESC, "number" DESC);

-- CreateIndex
CREATE INDEX "Guarantee_contractorId_projectName_idx" ON "Guarantee"("contractorId", "projectName");

-- CreateIndex
CREATE INDEX "Guarantee_contractorId_ordererId_idx" ON "Guarantee"("contractorId", "ordererId");

-- CreateIndex
CREATE INDEX "Guarantee_ordererId_status_idx" ON "Guarantee"("ordererId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CertificateVersion_digest_key" ON "CertificateVersion"("digest");

-- CreateIndex
CREATE UNIQUE INDEX "CertificateVersion_guaranteeId_version_key" ON "CertificateVersion"("guaranteeId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "GuaranteeChange_certificateVersionId_key" ON "GuaranteeChange"("certificateVersionId");

-- CreateIndex
CREATE INDEX "GuaranteeChange_guaranteeId_createdAt_idx" ON "GuaranteeChange"("guaranteeId", "createdAt");

-- CreateIndex
CREATE INDEX "AuthKey_guaranteeId_revokedAt_idx" ON "AuthKey"("guaranteeId", "revokedAt");

-- CreateIndex
CREATE INDEX "PremiumRateTable_guaranteeKind_effectiveFrom_idx" ON "PremiumRateTable"("guaranteeKind", "effectiveFrom" DESC);

-- CreateIndex
CREATE INDEX "PremiumRateBracket_tableId_idx" ON "PremiumRateBracket"("tableId");

-- CreateIndex
CREATE INDEX "PremiumDocument_guaranteeId_kind_idx" ON "PremiumDocument"("guaranteeId", "kind");

-- CreateIndex
CREATE INDEX "LookupAttempt_createdAt_idx" ON "LookupAttempt"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "LookupAttempt_organizationId_createdAt_idx" ON "LookupAttempt"("organizationId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "LookupAttempt_guaranteeId_createdAt_idx" ON "LookupAttempt"("guaranteeId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Confirmation_organizationId_confirmedAt_idx" ON "Confirmation"("organizationId", "confirmedAt" DESC);

-- CreateIndex
CREATE INDEX "Confirmation_guaranteeId_confirmedAt_idx" ON "Confirmation"("guaranteeId", "confirmedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_outboxMailId_key" ON "Submission"("outboxMailId");

-- CreateIndex
CREATE INDEX "Submission_guaranteeId_createdAt_idx" ON "Submission"("guaranteeId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditLog_targetType_targetId_idx" ON "AuditLog"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditLog_actorUserId_createdAt_idx" ON "AuditLog"("actorUserId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "OutboxMail_status_nextAttemptAt_idx" ON "OutboxMail"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMail_createdAt_idx" ON "OutboxMail"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "MailAttachment_mailId_idx" ON "MailAttachment"("mailId");

-- AddForeignKey
ALTER TABLE "Department" ADD CONSTRAINT "Department_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrdererRules" ADD CONSTRAINT "OrdererRules_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrdererAmountLimit" ADD CONSTRAINT "OrdererAmountLimit_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrdererRoute" ADD CONSTRAINT "OrdererRoute_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrdererRoute" ADD CONSTRAINT "OrdererRoute_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuretyIssuer" ADD CONSTRAINT "SuretyIssuer_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuretyBranch" ADD CONSTRAINT "SuretyBranch_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_contractorId_fkey" FOREIGN KEY ("contractorId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_ordererId_fkey" FOREIGN KEY ("ordererId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_worksDepartmentId_fkey" FOREIGN KEY ("worksDepartmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Guarantee" ADD CONSTRAINT "Guarantee_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Guarantee" ADD CONSTRAINT "Guarantee_contractorId_fkey" FOREIGN KEY ("contractorId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Guarantee" ADD CONSTRAINT "Guarantee_ordererId_fkey" FOREIGN KEY ("ordererId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Guarantee" ADD CONSTRAINT "Guarantee_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "SuretyBranch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Guarantee" ADD CONSTRAINT "Guarantee_concludedById_fkey" FOREIGN KEY ("concludedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateVersion" ADD CONSTRAINT "CertificateVersion_guaranteeId_fkey" FOREIGN KEY ("guaranteeId") REFERENCES "Guarantee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeChange" ADD CONSTRAINT "GuaranteeChange_guaranteeId_fkey" FOREIGN KEY ("guaranteeId") REFERENCES "Guarantee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeChange" ADD CONSTRAINT "GuaranteeChange_certificateVersionId_fkey" FOREIGN KEY ("certificateVersionId") REFERENCES "CertificateVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthKey" ADD CONSTRAINT "AuthKey_guaranteeId_fkey" FOREIGN KEY ("guaranteeId") REFERENCES "Guarantee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PremiumRateBracket" ADD CONSTRAINT "PremiumRateBracket_tableId_fkey" FOREIGN KEY ("tableId") REFERENCES "PremiumRateTable"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PremiumDocument" ADD CONSTRAINT "PremiumDocument_guaranteeId_fkey" FOREIGN KEY ("guaranteeId") REFERENCES "Guarantee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LookupAttempt" ADD CONSTRAINT "LookupAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LookupAttempt" ADD CONSTRAINT "LookupAttempt_apiTokenId_fkey" FOREIGN KEY ("apiTokenId") REFERENCES "ApiToken"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LookupAttempt" ADD CONSTRAINT "LookupAttempt_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LookupAttempt" ADD CONSTRAINT "LookupAttempt_guaranteeId_fkey" FOREIGN KEY ("guaranteeId") REFERENCES "Guarantee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Confirmation" ADD CONSTRAINT "Confirmation_guaranteeId_fkey" FOREIGN KEY ("guaranteeId") REFERENCES "Guarantee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Confirmation" ADD CONSTRAINT "Confirmation_certificateVersionId_fkey" FOREIGN KEY ("certificateVersionId") REFERENCES "CertificateVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Confirmation" ADD CONSTRAINT "Confirmation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Confirmation" ADD CONSTRAINT "Confirmation_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Confirmation" ADD CONSTRAINT "Confirmation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_guaranteeId_fkey" FOREIGN KEY ("guaranteeId") REFERENCES "Guarantee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_certificateVersionId_fkey" FOREIGN KEY ("certificateVersionId") REFERENCES "CertificateVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_sentById_fkey" FOREIGN KEY ("sentById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_outboxMailId_fkey" FOREIGN KEY ("outboxMailId") REFERENCES "OutboxMail"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailAttachment" ADD CONSTRAINT "MailAttachment_mailId_fkey" FOREIGN KEY ("mailId") REFERENCES "OutboxMail"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- 保証契約番号: the 9-digit sequence part (a check digit is appended by the numbering module).
-- nextval() is never rolled back, so a number is never handed out twice, even when the concluding
-- transaction fails (a gap is fine, a duplicate never). Starts at 100000000: no leading zeros that a
-- spreadsheet would drop.
CREATE SEQUENCE "guarantee_number_seq" AS BIGINT START WITH 100000000 MINVALUE 100000000 MAXVALUE 999999999 NO CYCLE;
