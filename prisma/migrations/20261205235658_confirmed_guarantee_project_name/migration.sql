-- The 確認済み一覧's 工事名 search on the list's own rows (issue 15, decisions 059 and 061): the search
-- read the list in order and joined each row to its guarantee, or went through the guarantees' GIN index
-- of 工事名's pairs; a text common in the nation that the orderer's list does not hold made either read
-- every candidate (橋梁 at 4 M guarantees, 50,000 rows of 東京都: 200 ms p99). ConfirmedGuarantee now
-- keeps the guarantee's folded 工事名 (Guarantee.projectNameFolded: NFKC, A–Z → a–z), so the search is a
-- scan of the orderer's own narrow rows in list order that stops at a page.

-- AlterTable
ALTER TABLE "ConfirmedGuarantee" ADD COLUMN "projectNameFolded" TEXT NOT NULL DEFAULT '';

-- The trigger of 20261205222400_confirmed_guarantees, writing the folded 工事名 too.
CREATE OR REPLACE FUNCTION "confirmed_guarantee"() RETURNS trigger AS $$
BEGIN
  INSERT INTO "ConfirmedGuarantee" AS l ("organizationId", "guaranteeId", "number", "contractorId", "projectNameFolded", "confirmationId", "confirmedAt",
      "confirmedVersion", "departmentId", "userId", "statusAtConfirmation", "highestVersion", "lastSeq")
  SELECT NEW."organizationId", NEW."guaranteeId", g."number", g."contractorId", g."projectNameFolded", NEW."id", NEW."confirmedAt",
         v."version", NEW."departmentId", NEW."userId", NEW."statusAtConfirmation", v."version", NEW."seq"
  FROM "Guarantee" g JOIN "CertificateVersion" v ON v."id" = NEW."certificateVersionId"
  WHERE g."id" = NEW."guaranteeId" AND g."ordererId" = NEW."organizationId"
  ON CONFLICT ("organizationId", "guaranteeId") DO UPDATE SET
    "projectNameFolded" = EXCLUDED."projectNameFolded",
    "confirmationId" = CASE WHEN (EXCLUDED."confirmedAt", EXCLUDED."confirmationId") > (l."confirmedAt", l."confirmationId") THEN EXCLUDED."confirmationId" ELSE l."confirmationId" END,
    "confirmedAt" = CASE WHEN (EXCLUDED."confirmedAt", EXCLUDED."confirmationId") > (l."confirmedAt", l."confirmationId") THEN EXCLUDED."confirmedAt" ELSE l."confirmedAt" END,
    "confirmedVersion" = CASE WHEN (EXCLUDED."confirmedAt", EXCLUDED."confirmationId") > (l."confirmedAt", l."confirmationId") THEN EXCLUDED."confirmedVersion" ELSE l."confirmedVersion" END,
    "departmentId" = CASE WHEN (EXCLUDED."confirmedAt", EXCLUDED."confirmationId") > (l."confirmedAt", l."confirmationId") THEN EXCLUDED."departmentId" ELSE l."departmentId" END,
    "userId" = CASE WHEN (EXCLUDED."confirmedAt", EXCLUDED."confirmationId") > (l."confirmedAt", l."confirmationId") THEN EXCLUDED."userId" ELSE l."userId" END,
    "statusAtConfirmation" = CASE WHEN (EXCLUDED."confirmedAt", EXCLUDED."confirmationId") > (l."confirmedAt", l."confirmationId") THEN EXCLUDED."statusAtConfirmation" ELSE l."statusAtConfirmation" END,
    "highestVersion" = GREATEST(l."highestVersion", EXCLUDED."highestVersion"),
    "lastSeq" = GREATEST(l."lastSeq", EXCLUDED."lastSeq");
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- A 工事名 changed by a 変更契約 follows into every orderer's row of the guarantee. (The BEFORE trigger
-- that folds 工事名 sets projectNameFolded, which `UPDATE OF` would not see: compared here instead.)
CREATE FUNCTION "confirmed_guarantee_project_name"() RETURNS trigger AS $$
BEGIN
  UPDATE "ConfirmedGuarantee" SET "projectNameFolded" = NEW."projectNameFolded" WHERE "guaranteeId" = NEW."id";
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "confirmed_guarantee_project_name"
  AFTER UPDATE ON "Guarantee"
  FOR EACH ROW WHEN (OLD."projectNameFolded" IS DISTINCT FROM NEW."projectNameFolded")
  EXECUTE FUNCTION "confirmed_guarantee_project_name"();

-- The whole table from the confirmations, set-based (window functions run before DISTINCT ON): this
-- migration's backfill, and the national bench's bulk load (which runs with triggers off) call the
-- same function, so the two never tell the rule differently.
CREATE FUNCTION "confirmed_guarantees_rebuild"() RETURNS void AS $$
  DELETE FROM "ConfirmedGuarantee";
  INSERT INTO "ConfirmedGuarantee" ("organizationId", "guaranteeId", "number", "contractorId", "projectNameFolded", "confirmationId", "confirmedAt",
      "confirmedVersion", "departmentId", "userId", "statusAtConfirmation", "highestVersion", "lastSeq")
  SELECT DISTINCT ON (c."organizationId", c."guaranteeId")
         c."organizationId", c."guaranteeId", g."number", g."contractorId", g."projectNameFolded", c."id", c."confirmedAt",
         v."version", c."departmentId", c."userId", c."statusAtConfirmation",
         max(v."version") OVER (PARTITION BY c."organizationId", c."guaranteeId"),
         max(c."seq") OVER (PARTITION BY c."organizationId", c."guaranteeId")
  FROM "Confirmation" c
  JOIN "Guarantee" g ON g."id" = c."guaranteeId" AND g."ordererId" = c."organizationId"
  JOIN "CertificateVersion" v ON v."id" = c."certificateVersionId"
  ORDER BY c."organizationId", c."guaranteeId", c."confirmedAt" DESC, c."id" DESC;
$$ LANGUAGE sql;

SELECT "confirmed_guarantees_rebuild"();
