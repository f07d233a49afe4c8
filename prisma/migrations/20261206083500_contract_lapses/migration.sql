-- 契約台帳の変更に伴う保証の変更 (issue 17 lapse watcher, decision 075). Written by hand (other sessions'
-- schema edits are uncommitted in the same tree).

-- CreateEnum
CREATE TYPE "ContractLapseKind" AS ENUM ('EXTEND_PERIOD', 'RAISE_AMOUNT', 'LOWER_AMOUNT');

-- CreateEnum
CREATE TYPE "ContractLapseResolution" AS ENUM ('CHANGE_RECORDED', 'CONTRACT_REVERTED', 'SUPERSEDED');

-- CreateTable
CREATE TABLE "ContractLapse" (
    "id" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "guaranteeId" UUID NOT NULL,
    "kind" "ContractLapseKind" NOT NULL,
    "raisedRevision" INTEGER NOT NULL,
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "neededEnd" DATE,
    "neededAmount" BIGINT,
    "contractAmount" BIGINT NOT NULL,
    "guaranteeEnd" DATE NOT NULL,
    "guaranteeAmount" BIGINT NOT NULL,
    "mails" INTEGER NOT NULL DEFAULT 0,
    "resolvedAt" TIMESTAMP(3),
    "resolution" "ContractLapseResolution",
    "resolvedRevision" INTEGER,
    "resolvedByChangeId" UUID,

    CONSTRAINT "ContractLapse_pkey" PRIMARY KEY ("id"),
    -- A period to extend names its end; an amount to change names its bound; a resolved one says how.
    CONSTRAINT "ContractLapse_needed_check" CHECK (("kind" = 'EXTEND_PERIOD' AND "neededEnd" IS NOT NULL) OR ("kind" <> 'EXTEND_PERIOD' AND "neededAmount" IS NOT NULL)),
    CONSTRAINT "ContractLapse_resolved_check" CHECK (("resolvedAt" IS NULL) = ("resolution" IS NULL))
);

-- CreateIndex
CREATE INDEX "ContractLapse_contractId_resolvedAt_idx" ON "ContractLapse"("contractId", "resolvedAt");

-- CreateIndex
CREATE INDEX "ContractLapse_guaranteeId_resolvedAt_idx" ON "ContractLapse"("guaranteeId", "resolvedAt");

-- At most one open need per contract, guarantee and kind (Prisma cannot declare a partial index).
CREATE UNIQUE INDEX "ContractLapse_open_key" ON "ContractLapse"("contractId", "guaranteeId", "kind") WHERE "resolvedAt" IS NULL;

-- AddForeignKey
ALTER TABLE "ContractLapse" ADD CONSTRAINT "ContractLapse_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractLapse" ADD CONSTRAINT "ContractLapse_guaranteeId_fkey" FOREIGN KEY ("guaranteeId") REFERENCES "Guarantee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractLapse" ADD CONSTRAINT "ContractLapse_resolvedByChangeId_fkey" FOREIGN KEY ("resolvedByChangeId") REFERENCES "GuaranteeChange"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
