-- AlterTable
ALTER TABLE "Guarantee" ADD COLUMN     "premiumOutstanding" BIGINT NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Guarantee_issuedOn_number_idx" ON "Guarantee"("issuedOn" DESC, "number" DESC);

-- CreateIndex
CREATE INDEX "Guarantee_ordererId_issuedOn_number_idx" ON "Guarantee"("ordererId", "issuedOn" DESC, "number" DESC);

-- CreateIndex
CREATE INDEX "Guarantee_status_issuedOn_number_idx" ON "Guarantee"("status", "issuedOn" DESC, "number" DESC);

-- CreateIndex
CREATE INDEX "Guarantee_guaranteeEnd_idx" ON "Guarantee"("guaranteeEnd");

-- CreateIndex
CREATE INDEX "Guarantee_premiumOutstanding_idx" ON "Guarantee"("premiumOutstanding");

-- premiumOutstanding: Σ 保証料計算書 (a change's signed difference included) − Σ 保証料領収証 of the
-- guarantee (decision 025), recomputed from its documents by the database whenever one is written, in
-- the writer's transaction: no use case can forget it, and the officers' 未入金 filter and count read
-- one indexed column instead of summing every document of the country.
CREATE FUNCTION "premium_outstanding"() RETURNS trigger AS $$
DECLARE
  target uuid;
BEGIN
  FOR target IN
    SELECT DISTINCT x FROM unnest(CASE TG_OP
      WHEN 'INSERT' THEN ARRAY[NEW."guaranteeId"]
      WHEN 'DELETE' THEN ARRAY[OLD."guaranteeId"]
      ELSE ARRAY[OLD."guaranteeId", NEW."guaranteeId"] END) AS x
  LOOP
    UPDATE "Guarantee" SET "premiumOutstanding" = COALESCE((
      SELECT SUM(CASE WHEN d."kind" = 'RECEIPT' THEN -d."amount" ELSE d."amount" END)
      FROM "PremiumDocument" d WHERE d."guaranteeId" = target), 0)
    WHERE "id" = target;
  END LOOP;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "premium_outstanding"
  AFTER INSERT OR DELETE OR UPDATE OF "guaranteeId", "kind", "amount" ON "PremiumDocument"
  FOR EACH ROW EXECUTE FUNCTION "premium_outstanding"();

-- The guarantees concluded before this migration.
UPDATE "Guarantee" g SET "premiumOutstanding" = t."outstanding"
FROM (
  SELECT "guaranteeId", SUM(CASE WHEN "kind" = 'RECEIPT' THEN -"amount" ELSE "amount" END) AS "outstanding"
  FROM "PremiumDocument" GROUP BY "guaranteeId"
) t
WHERE g."id" = t."guaranteeId";
