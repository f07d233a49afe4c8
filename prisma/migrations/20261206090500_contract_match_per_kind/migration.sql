-- 契約台帳 ↔ 保証証書 (issue 17, decision 072 amended 2026-12-06): one match per contract and guarantee
-- kind — a contract holds at most one certificate of each kind (前払金 / 中間前払金 / 契約保証), a
-- certificate at most one contract per orderer (unchanged). The kind is the guarantee's, copied at match
-- time (it never changes); existing rows take it from their Guarantee. Written by hand.

-- AlterTable: the column, backfilled, then required
ALTER TABLE "ContractMatch" ADD COLUMN "kind" "GuaranteeKind";
UPDATE "ContractMatch" m SET "kind" = g."kind" FROM "Guarantee" g WHERE g."id" = m."guaranteeId";
ALTER TABLE "ContractMatch" ALTER COLUMN "kind" SET NOT NULL;

-- The contract alone is no longer unique: (contract, kind) is
DROP INDEX "ContractMatch_contractId_key";
ALTER TABLE "ContractMatch" DROP CONSTRAINT "ContractMatch_pkey";
ALTER TABLE "ContractMatch" ADD CONSTRAINT "ContractMatch_pkey" PRIMARY KEY ("ordererId", "contractId", "kind");
CREATE UNIQUE INDEX "ContractMatch_contractId_kind_key" ON "ContractMatch"("contractId", "kind");
