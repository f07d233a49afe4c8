-- DropIndex
DROP INDEX "Guarantee_guaranteeEnd_idx";

-- AlterTable
ALTER TABLE "Guarantee" ADD COLUMN     "projectNameFolded" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Guarantee_guaranteeEnd_number_idx" ON "Guarantee"("guaranteeEnd", "number");

-- projectNameFolded: the 工事名 as the officers' 保証一覧 searches it (NFKC: 全角 → 半角; A–Z → a–z,
-- the same in every locale), set by the database on every write of the 工事名, so a search is one LIKE
-- over a stored column (about ten times cheaper than normalising each row per search).
CREATE FUNCTION "project_name_folded"() RETURNS trigger AS $$
BEGIN
  NEW."projectNameFolded" := translate(normalize(NEW."projectName", NFKC), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "project_name_folded"
  BEFORE INSERT OR UPDATE OF "projectName", "projectNameFolded" ON "Guarantee"
  FOR EACH ROW EXECUTE FUNCTION "project_name_folded"();

-- The guarantees concluded before this migration.
UPDATE "Guarantee" SET "projectNameFolded" = translate(normalize("projectName", NFKC), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');
