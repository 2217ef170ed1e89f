ALTER TABLE "contacts" ADD COLUMN "search_digits" text GENERATED ALWAYS AS (regexp_replace(phones::text, '[^0-9,]+', '', 'g')) STORED;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "search_digits" text GENERATED ALWAYS AS (regexp_replace(coalesce(phone, ''), '[^0-9]+', '', 'g')) STORED;--> statement-breakpoint
CREATE INDEX "contacts_search_digits_idx" ON "contacts" USING gin (search_digits gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_search_digits_idx" ON "customers" USING gin (search_digits gin_trgm_ops);