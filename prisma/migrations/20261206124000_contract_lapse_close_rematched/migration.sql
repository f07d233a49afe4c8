-- Lapse watcher (issue 17, decision 075 amended 2026-12-06): a data migration, and an index.
--
-- 1. The needs an earlier match left open. 20261206120000_contract_lapse_close_unmatched closed the open
-- needs of a pair no ContractMatch joins; a pair the version before 20261206091500_contract_lapse_unmatched
-- unmatched (deleting the match only) and that was matched again has a ContractMatch, so its stale need
-- stayed open: shown again on every side, taken by the watcher for the pair's current need. A need is raised
-- only by a revision of a contract already matched (watchContractLapses, from saveContract and
-- confirmContractImport, reads the ContractMatch rows), and a ContractMatch is only created and deleted, never
-- updated: an open need raised strictly before its pair's current matchedAt belongs to an earlier match. It is
-- closed as closeLapsesOfUnmatch closes one (resolvedAt and resolution 'UNMATCHED' only). resolvedAt is
-- timestamp(3) holding UTC wall-clock time: now() AT TIME ZONE 'UTC', whatever the session's time zone.
-- Idempotent: a closed need is not open any more.
UPDATE "ContractLapse" AS l
SET "resolvedAt" = now() AT TIME ZONE 'UTC', "resolution" = 'UNMATCHED'
FROM "ContractMatch" AS m
WHERE l."resolvedAt" IS NULL
  AND m."contractId" = l."contractId" AND m."guaranteeId" = l."guaranteeId"
  AND l."raisedAt" < m."matchedAt";

-- 2. The officers' 保証一覧 asks, per listed row, whether the guarantee has an open need (shownLapseExistsSql):
-- a lookup of the open needs by guaranteeId. ContractLapse_open_key leads with contractId, so a plan through
-- it reads the whole index; this partial index answers it by the guarantee. Prisma cannot declare a partial
-- index (as Guarantee_ending_guaranteeEnd_number_idx, decision 059): it lives here only. IF NOT EXISTS: the
-- whole file can run twice.
CREATE INDEX IF NOT EXISTS "ContractLapse_open_guaranteeId_idx" ON "ContractLapse"("guaranteeId", "contractId") WHERE "resolvedAt" IS NULL;
