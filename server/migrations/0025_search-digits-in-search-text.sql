-- The search text holds the phone's digits too, so one trigram index serves keyword and phone
-- searches ("13800138000" finds "+86 138-0013-8000"): one GIN index less to keep up on every write
-- (an import paid for it on every row). Dropping search_text drops its index and the finer
-- statistics of 0009 with it: both are made again below (with 100, "harbor log" was expected in
-- many rows instead of 208, and a search walked half the table in updated_at order).
DROP INDEX "contacts_search_digits_idx";--> statement-breakpoint
DROP INDEX "customers_search_digits_idx";--> statement-breakpoint
ALTER TABLE "contacts" drop column "search_text";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(name || ' ' || coalesce(title, '') || ' ' || phones::text || ' ' || emails::text || ' ' || im::text || ' ' || regexp_replace(phones::text, '[^0-9,]+', '', 'g'))) STORED;--> statement-breakpoint
ALTER TABLE "customers" drop column "search_text";--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(name || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(website, '') || ' ' || regexp_replace(coalesce(phone, ''), '[^0-9]+', '', 'g'))) STORED;--> statement-breakpoint
ALTER TABLE "contacts" DROP COLUMN "search_digits";--> statement-breakpoint
ALTER TABLE "customers" DROP COLUMN "search_digits";--> statement-breakpoint
CREATE INDEX "customers_search_idx" ON "customers" USING gin (search_text gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_search_idx" ON "contacts" USING gin (search_text gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "customers" ALTER COLUMN "search_text" SET STATISTICS 1000;
