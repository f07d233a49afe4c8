-- 契約台帳 ↔ 確認済みの保証証書 (issue 17, decision 072). Written by hand (other sessions' schema edits
-- are uncommitted in the same tree).

-- CreateTable
CREATE TABLE "ContractMatch" (
    "ordererId" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "guaranteeId" UUID NOT NULL,
    "matchedById" UUID NOT NULL,
    "matchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContractMatch_pkey" PRIMARY KEY ("ordererId","contractId")
);

-- CreateTable
CREATE TABLE "ContractMatchRejection" (
    "contractId" UUID NOT NULL,
    "guaranteeId" UUID NOT NULL,
    "rejectedById" UUID NOT NULL,
    "rejectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContractMatchRejection_pkey" PRIMARY KEY ("contractId","guaranteeId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ContractMatch_contractId_key" ON "ContractMatch"("contractId");

-- CreateIndex
CREATE INDEX "ContractMatch_guaranteeId_idx" ON "ContractMatch"("guaranteeId");

-- CreateIndex
CREATE UNIQUE INDEX "ContractMatch_ordererId_guaranteeId_key" ON "ContractMatch"("ordererId", "guaranteeId");

-- CreateIndex
CREATE INDEX "ContractMatchRejection_guaranteeId_idx" ON "ContractMatchRejection"("guaranteeId");

-- AddForeignKey
ALTER TABLE "ContractMatch" ADD CONSTRAINT "ContractMatch_ordererId_fkey" FOREIGN KEY ("ordererId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractMatch" ADD CONSTRAINT "ContractMatch_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractMatch" ADD CONSTRAINT "ContractMatch_guaranteeId_fkey" FOREIGN KEY ("guaranteeId") REFERENCES "Guarantee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractMatch" ADD CONSTRAINT "ContractMatch_matchedById_fkey" FOREIGN KEY ("matchedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractMatchRejection" ADD CONSTRAINT "ContractMatchRejection_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractMatchRejection" ADD CONSTRAINT "ContractMatchRejection_guaranteeId_fkey" FOREIGN KEY ("guaranteeId") REFERENCES "Guarantee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractMatchRejection" ADD CONSTRAINT "ContractMatchRejection_rejectedById_fkey" FOREIGN KEY ("rejectedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
