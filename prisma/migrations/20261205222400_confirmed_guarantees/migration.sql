-- The 確認済み一覧 kept as data (issue 15, decision 061): each call of the list built the latest
-- confirmation of every guarantee (DISTINCT ON over all the orderer's confirmations), joined, counted and
-- paged it by OFFSET: 1 s for page 1 of a 50,000-row orderer (decision 059). ConfirmedGuarantee holds
-- that latest confirmation per (orderer, guarantee), kept by a trigger on Confirmation insert, so that a
-- page reads about 20 index entries after its keyset position.

-- AlterTable: the order confirmations are written in (the CSV's cutoff). The rows already there are
-- numbered in whatever order the table is read: every later row has a higher number, which is all that
-- is used.
ALTER TABLE "Confirmation" ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateTable
CREATE TABLE "ConfirmedGuarantee" (
    "organizationId" UUID NOT NULL,
    "guaranteeId" UUID NOT NULL,
    "number" CHAR(10) NOT NULL,
    "contractorId" UUID NOT NULL,
    "confirmationId" UUID NOT NULL,
    "confirmedAt" TIMESTAMP(3) NOT NULL,
    "confirmedVersion" INTEGER NOT NULL,
    "departmentId" UUID,
    "userId" UUID,
    "statusAtConfirmation" "GuaranteeStatus" NOT NULL,
    "highestVersion" INTEGER NOT NULL,
    "lastSeq" BIGINT NOT NULL,

    CONSTRAINT "ConfirmedGuarantee_pkey" PRIMARY KEY ("organizationId","guaranteeId")
);

-- Confirmations are a record kept for good (decision 054) and the list's rows are derived from them:
-- the database refuses to change or remove one, as it does for certificate versions.
CREATE FUNCTION "confirmation_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'confirmations are never changed or removed (% on "Confirmation")', TG_OP
    USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "confirmation_append_only"
  BEFORE UPDATE OR DELETE ON "Confirmation"
  FOR EACH ROW EXECUTE FUNCTION "confirmation_append_only"();

-- A confirmation is folded into its (orderer, guarantee) row: the row takes its moment, version, who and
-- status when it is the newest by (confirmedAt, id) — the order the list always used — and in any case
-- raises highestVersion and lastSeq. Only for a guarantee that names the orderer (the lookup never
-- confirms anything else; the list shows nothing else). It runs inside every right-pair lookup
-- (lookup_certificate) and 「この版を確認しました」: two reads by primary key and one upsert.
CREATE FUNCTION "confirmed_guarantee"() RETURNS trigger AS $$
BEGIN
  INSERT INTO "ConfirmedGuarantee" AS l ("organizationId", "guaranteeId", "number", "contractorId", "confirmationId", "confirmedAt",
      "confirmedVersion", "departmentId", "userId", "statusAtConfirmation", "highestVersion", "lastSeq")
  SELECT NEW."organizationId", NEW."guaranteeId", g."number", g."contractorId", NEW."id", NEW."confirmedAt",
         v."version", NEW."departmentId", NEW."userId", NEW."statusAtConfirmation", v."version", NEW."seq"
  FROM "Guarantee" g JOIN "CertificateVersion" v ON v."id" = NEW."certificateVersionId"
  WHERE g."id" = NEW."guaranteeId" AND g."ordererId" = NEW."organizationId"
  ON CONFLICT ("organizationId", "guaranteeId") DO UPDATE SET
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

CREATE TRIGGER "confirmed_guarantee"
  AFTER INSERT ON "Confirmation"
  FOR EACH ROW EXECUTE FUNCTION "confirmed_guarantee"();

-- The confirmations written before this migration, set-based (window functions run before DISTINCT ON).
INSERT INTO "ConfirmedGuarantee" ("organizationId", "guaranteeId", "number", "contractorId", "confirmationId", "confirmedAt",
    "confirmedVersion", "departmentId", "userId", "statusAtConfirmation", "highestVersion", "lastSeq")
SELECT DISTINCT ON (c."organizationId", c."guaranteeId")
       c."organizationId", c."guaranteeId", g."number", g."contractorId", c."id", c."confirmedAt",
       v."version", c."departmentId", c."userId", c."statusAtConfirmation",
       max(v."version") OVER (PARTITION BY c."organizationId", c."guaranteeId"),
       max(c."seq") OVER (PARTITION BY c."organizationId", c."guaranteeId")
FROM "Confirmation" c
JOIN "Guarantee" g ON g."id" = c."guaranteeId" AND g."ordererId" = c."organizationId"
JOIN "CertificateVersion" v ON v."id" = c."certificateVersionId"
ORDER BY c."organizationId", c."guaranteeId", c."confirmedAt" DESC, c."id" DESC;

-- CreateIndex: a page and the count (newest confirmation first, then number), the 受注者 search, and
-- the rows touched since a CSV's start.
CREATE INDEX "ConfirmedGuarantee_organizationId_confirmedAt_number_idx" ON "ConfirmedGuarantee"("organizationId", "confirmedAt" DESC, "number" DESC);

-- CreateIndex
CREATE INDEX "ConfirmedGuarantee_contractor_idx" ON "ConfirmedGuarantee"("organizationId", "contractorId", "confirmedAt" DESC, "number" DESC);

-- CreateIndex
CREATE INDEX "ConfirmedGuarantee_organizationId_lastSeq_idx" ON "ConfirmedGuarantee"("organizationId", "lastSeq");
