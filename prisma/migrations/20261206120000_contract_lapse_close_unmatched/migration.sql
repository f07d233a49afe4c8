-- Lapse watcher (issue 17, decision 075 amended 2026-12-06): a data migration. Before
-- 20261206091500_contract_lapse_unmatched, unmatching a contract from a guarantee deleted the
-- ContractMatch but left the pair's open needs open. Hidden while unmatched, such a need came back on both
-- sides' pages and list marks when the pair was matched again, was taken by the watcher for the pair's
-- current need, and a 変更契約 of the guarantee recorded it as CHANGE_RECORDED. Each open need whose
-- contract and guarantee no ContractMatch joins is closed here as closeLapsesOfUnmatch closes it now
-- (resolvedAt and resolution 'UNMATCHED' only; no revision, no change). The enum value could not be used
-- in the migration that added it (PostgreSQL: not in the same transaction), hence a migration of its own.
-- resolvedAt is timestamp(3) holding UTC wall-clock time: now() AT TIME ZONE 'UTC', whatever the session's
-- time zone. Idempotent: a closed need is not open any more, so a second run changes nothing.
-- Written by hand.
UPDATE "ContractLapse" AS l
SET "resolvedAt" = now() AT TIME ZONE 'UTC', "resolution" = 'UNMATCHED'
WHERE l."resolvedAt" IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM "ContractMatch" AS m
    WHERE m."contractId" = l."contractId" AND m."guaranteeId" = l."guaranteeId"
  );
