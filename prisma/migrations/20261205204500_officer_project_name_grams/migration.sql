-- AlterTable
ALTER TABLE "Guarantee" ADD COLUMN     "projectNameGrams" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- The officers' 工事名 search served by an index (decision 017, issue 15): projectNameGrams holds the
-- distinct characters and pairs of characters of projectNameFolded; a search for a text asks for the
-- rows holding every pair of it (or its one character) through the GIN index, then LIKE '%text%' checks
-- each such row, so the results are those of the LIKE alone. Not pg_trgm: a trigram index cannot serve
-- a text of one or two characters (LIKE '%道路%' yields no trigram and is not served), and most 工事名
-- searches in Japanese are two characters; pairs serve every length, on both databases, with no
-- extension. Characters, not bytes: substr and char_length count characters in UTF8, as Array.from
-- does in the application (officer-list.ts, projectNameGrams).
CREATE FUNCTION "project_name_grams"(t text) RETURNS text[] AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
    SELECT substr(t, i, 1) AS g FROM generate_series(1, char_length(t)) AS i
    UNION ALL
    SELECT substr(t, i, 2) FROM generate_series(1, char_length(t) - 1) AS i) AS grams
$$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;

-- The trigger of 20261205171117 keeps both copies: the folded 工事名 and its grams.
CREATE OR REPLACE FUNCTION "project_name_folded"() RETURNS trigger AS $$
BEGIN
  NEW."projectNameFolded" := translate(normalize(NEW."projectName", NFKC), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');
  NEW."projectNameGrams" := "project_name_grams"(NEW."projectNameFolded");
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER "project_name_folded" ON "Guarantee";
CREATE TRIGGER "project_name_folded"
  BEFORE INSERT OR UPDATE OF "projectName", "projectNameFolded", "projectNameGrams" ON "Guarantee"
  FOR EACH ROW EXECUTE FUNCTION "project_name_folded"();

-- The guarantees concluded before this migration (the trigger fills the column), then the index over them.
UPDATE "Guarantee" SET "projectNameGrams" = "project_name_grams"("projectNameFolded");

-- CreateIndex
CREATE INDEX "Guarantee_projectNameGrams_idx" ON "Guarantee" USING GIN ("projectNameGrams");
