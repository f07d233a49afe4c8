-- 契約台帳 ↔ 保証証書 (issue 17, decision 072 amended): how a match was made — on the contract's page
-- (CLERK) or by the 契約番号 typed with the lookup (LOOKUP). Written by hand (other sessions edit the schema).

-- CreateEnum
CREATE TYPE "ContractMatchVia" AS ENUM ('CLERK', 'LOOKUP');

-- AlterTable
ALTER TABLE "ContractMatch" ADD COLUMN "via" "ContractMatchVia" NOT NULL DEFAULT 'CLERK';
