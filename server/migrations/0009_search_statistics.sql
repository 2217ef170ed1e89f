-- Finer statistics on the search columns: the planner then tells a common word ("有限") from a rare
-- one ("瑞达") and picks the ordered index scan or the bitmap of matches accordingly.
ALTER TABLE "customers" ALTER COLUMN "search_bigrams" SET STATISTICS 1000;--> statement-breakpoint
ALTER TABLE "customers" ALTER COLUMN "search_text" SET STATISTICS 1000;
