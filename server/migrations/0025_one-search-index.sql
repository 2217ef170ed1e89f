-- One trigram index per table for every search (keyword, phone digits, typos): the search text now
-- holds the phone digits too, and similarity is measured against it instead of a separate index of
-- the name. Two fewer GIN indexes to keep up on every write (an import paid for each on every row).
-- Dropping search_text drops its index with it: both are made again below.
DROP INDEX "contacts_search_digits_idx";--> statement-breakpoint
DROP INDEX "contacts_name_trgm_idx";--> statement-breakpoint
DROP INDEX "customers_search_digits_idx";--> statement-breakpoint
DROP INDEX "customers_name_trgm_idx";--> statement-breakpoint
ALTER TABLE "contacts" drop column "search_text";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(name || ' ' || coalesce(title, '') || ' ' || phones::text || ' ' || emails::text || ' ' || im::text || ' ' || regexp_replace(phones::text, '[^0-9,]+', '', 'g'))) STORED;--> statement-breakpoint
ALTER TABLE "customers" drop column "search_text";--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(name || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(website, '') || ' ' || regexp_replace(coalesce(phone, ''), '[^0-9]+', '', 'g'))) STORED;--> statement-breakpoint
ALTER TABLE "contacts" DROP COLUMN "search_digits";--> statement-breakpoint
ALTER TABLE "customers" DROP COLUMN "search_digits";--> statement-breakpoint
CREATE INDEX "customers_search_idx" ON "customers" USING gin (search_text gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_search_idx" ON "contacts" USING gin (search_text gin_trgm_ops);
