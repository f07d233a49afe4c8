-- Lapse watcher (issue 17, decision 075 amended 2026-12-06): unmatching a contract from a guarantee closes
-- that pair's open needs in the same transaction, with their own resolution. Written by hand.
ALTER TYPE "ContractLapseResolution" ADD VALUE 'UNMATCHED';
