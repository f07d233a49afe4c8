-- DropIndex
DROP INDEX "Guarantee_contractorId_ordererId_idx";

-- DropIndex
DROP INDEX "Guarantee_contractorId_projectName_idx";

-- CreateIndex
CREATE INDEX "Guarantee_contractorId_number_idx" ON "Guarantee"("contractorId", "number");

-- CreateIndex
CREATE INDEX "Guarantee_contractorId_projectName_number_idx" ON "Guarantee"("contractorId", "projectName", "number");

-- CreateIndex
CREATE INDEX "Guarantee_contractorId_contractAmount_number_idx" ON "Guarantee"("contractorId", "contractAmount", "number");

-- CreateIndex
CREATE INDEX "Guarantee_contractorId_guaranteeAmount_number_idx" ON "Guarantee"("contractorId", "guaranteeAmount", "number");

-- CreateIndex
CREATE INDEX "Guarantee_contractorId_ordererId_issuedOn_number_idx" ON "Guarantee"("contractorId", "ordererId", "issuedOn" DESC, "number" DESC);
