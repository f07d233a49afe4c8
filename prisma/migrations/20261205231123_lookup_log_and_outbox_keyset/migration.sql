-- 照会記録 and 送信メール keyset-paged and searched through indexes (issue 15, decision 062): at national
-- scale (4 M lookup attempts, 1 M mails) both lists counted every row and paged by OFFSET, 照会記録's
-- number search was a substring over every attempt and its orderer search joined every attempt, and
-- the outbox search unnested every mail's recipients (decision 059: 0.4–2.1 s). A page is now "the next
-- 20 rows after (createdAt, id)", newest first, read from an index ending in (createdAt DESC, id DESC)
-- after what the filter fixes; the count stops at 201.

-- The lists' order, and each filter's own index in that order.
DROP INDEX "LookupAttempt_createdAt_idx";
CREATE INDEX "LookupAttempt_createdAt_id_idx" ON "LookupAttempt"("createdAt" DESC, "id" DESC);
DROP INDEX "LookupAttempt_organizationId_createdAt_idx";
CREATE INDEX "LookupAttempt_organizationId_createdAt_id_idx" ON "LookupAttempt"("organizationId", "createdAt" DESC, "id" DESC);
CREATE INDEX "LookupAttempt_outcome_createdAt_id_idx" ON "LookupAttempt"("outcome", "createdAt" DESC, "id" DESC);
DROP INDEX "OutboxMail_createdAt_idx";
CREATE INDEX "OutboxMail_createdAt_id_idx" ON "OutboxMail"("createdAt" DESC, "id" DESC);
CREATE INDEX "OutboxMail_status_createdAt_id_idx" ON "OutboxMail"("status", "createdAt" DESC, "id" DESC);

-- 照会記録 by 保証契約番号, typed from its start: the digits of what the clerk typed (全角 folded by
-- NFKC; hyphens, spaces and anything else dropped), compared byte-wise (COLLATE "C"), so that "starts
-- with these digits" is a range on this index whatever the database's collation. An index on an
-- expression, not a column: the log rows are written by "lookup_certificate" and never change; the
-- planner matches the same call in the query (src/domain/lookup/attempt-list.ts).
CREATE FUNCTION "lookup_number_digits"(t text) RETURNS text AS $$
  SELECT regexp_replace(normalize(t, NFKC), '[^0-9]', '', 'g')
$$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;

CREATE INDEX "LookupAttempt_numberDigits_createdAt_id_idx" ON "LookupAttempt"(("lookup_number_digits"("numberInput")) COLLATE "C", "createdAt" DESC, "id" DESC);

-- 送信メール's box searches a part of the subject or of any recipient's address (To or Cc), as before,
-- through a GIN index of the characters and pairs of characters of the mail's folded search text (the
-- function of the officers' 工事名, decision 017): the subject and each address on lines of their own,
-- NFKC, in lower case. The query asks for every pair of the folded box (its one character when it has
-- one) and keeps the LIKE on the folded text, so the results are exactly the LIKE's; a line break never
-- comes from the box, so no match spans two addresses or the subject and an address. The functions
-- call only built-in ones: an index build or ANALYZE runs them with a search_path of pg_catalog alone.
-- A low COST so that, where the planner walks the date index instead (a common text), the LIKE is
-- checked before the grams are built.
CREATE FUNCTION "outbox_search_text"(subject text, recipients text[]) RETURNS text AS $$
  SELECT lower(normalize(subject || E'\n' || array_to_string(recipients, E'\n'), NFKC))
$$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10;

-- What a search asks the index for: the distinct pairs of characters of the folded box, or its one character.
CREATE FUNCTION "search_pairs"(t text) RETURNS text[] AS $$
  SELECT CASE WHEN char_length(t) < 2 THEN ARRAY[t]
    ELSE ARRAY(SELECT DISTINCT substr(t, i, 2) FROM generate_series(1, char_length(t) - 1) AS i) END
$$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;

CREATE INDEX "OutboxMail_searchGrams_idx" ON "OutboxMail" USING GIN (("project_name_grams"("outbox_search_text"("subject", "to" || "cc"))));

-- How many mails hold a text: statistics on the folded text itself (expression statistics, PostgreSQL
-- 14 or newer), so that the LIKE is estimated from the mails and not guessed. Without them a text every
-- mail holds (a domain) was taken for a rare one and the whole table was read through the grams (23 s
-- at 250,000 mails); with them the planner walks the date index and stops at the page's last row.
CREATE STATISTICS "OutboxMail_searchText_stats" ON ("outbox_search_text"("subject", "to" || "cc")) FROM "OutboxMail";
