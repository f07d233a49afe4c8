-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "searchNameGrams" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- searchNameGrams: the distinct characters and pairs of characters of searchNames, so that a name box
-- is served by an index (the 共同企業体 form's company box asks on each pause in typing; decision 065):
-- the companies holding every pair of the text typed (or its one character) through the GIN index,
-- then LIKE '%text%' on each, so the results are those of the LIKE alone — as the 工事名 search does
-- (20261205204500, the same function). A pair spanning the line break between two names is never
-- asked for (a box holds no line break).
CREATE OR REPLACE FUNCTION "organization_search_names"() RETURNS trigger AS $$
BEGIN
  NEW."searchNames" := translate(normalize(
      concat_ws(E'\n', NEW."name",
        CASE NEW."kind" WHEN 'CONTRACTOR' THEN NEW."nameKana" WHEN 'ORDERER' THEN NEW."certificateName" END),
      NFKC), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');
  NEW."searchNameGrams" := "project_name_grams"(NEW."searchNames");
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER "organization_search_names" ON "Organization";
CREATE TRIGGER "organization_search_names"
  BEFORE INSERT OR UPDATE OF "kind", "name", "nameKana", "certificateName", "searchNames", "searchNameGrams" ON "Organization"
  FOR EACH ROW EXECUTE FUNCTION "organization_search_names"();

-- The organisations there before this migration (the trigger fills both columns).
UPDATE "Organization" SET "searchNames" = '';

-- CreateIndex
CREATE INDEX "Organization_searchNameGrams_idx" ON "Organization" USING GIN ("searchNameGrams");
