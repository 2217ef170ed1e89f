DROP INDEX "contacts_dup_phones_idx";--> statement-breakpoint
DROP INDEX "contacts_dup_emails_idx";--> statement-breakpoint
DROP INDEX "customers_dup_phones_idx";--> statement-breakpoint
DROP INDEX "customers_dup_emails_idx";--> statement-breakpoint
DROP INDEX "customers_dup_domains_idx";--> statement-breakpoint
CREATE INDEX "contacts_dup_phones_idx" ON "contacts" USING gin ("dup_phones") WITH (fastupdate=false) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "contacts_dup_emails_idx" ON "contacts" USING gin ("dup_emails") WITH (fastupdate=false) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "customers_dup_phones_idx" ON "customers" USING gin ("dup_phones") WITH (fastupdate=false) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "customers_dup_emails_idx" ON "customers" USING gin ("dup_emails") WITH (fastupdate=false) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "customers_dup_domains_idx" ON "customers" USING gin ("dup_domains") WITH (fastupdate=false) WHERE deleted_at is null;