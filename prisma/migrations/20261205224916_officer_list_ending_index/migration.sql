-- 保証一覧's 満了間近 served by an index of its own (issue 15, decision 059). The filter is
--   "status" = 'ACTIVE' AND "guaranteeEnd" BETWEEN today AND today + 30 AND "periodEnd" > "guaranteeEnd"
-- in 保証期間（至） order (src/domain/guarantees/officer-list.ts). The index on ("guaranteeEnd", "number")
-- served the window but not the comparison of the 工期 with the 保証期間, which no plain index can hold:
-- every guarantee ending in the next 30 days was read from the table to keep the few whose 工期 runs
-- on (at 1 M guarantees: 8,498 index entries and 8,327 table pages for 16 rows; at 4 M four times as
-- many, 224 ms p99). This index holds only the guarantees in force whose 工期 runs past their 保証期間,
-- so a page reads its 20 entries after the cursor and the capped count reads the index alone.
-- The planner uses it because the list's condition repeats the predicate word for word; keep them equal.
-- Prisma's schema cannot declare it without a preview feature whose diff would create it again on every
-- later `npm run db:migration`: it is documented in schema.prisma beside the model, and the engine's diff
-- leaves an index it does not know alone.
CREATE INDEX "Guarantee_ending_guaranteeEnd_number_idx" ON "Guarantee"("guaranteeEnd", "number")
  WHERE ("status" = 'ACTIVE' AND "periodEnd" > "guaranteeEnd");
