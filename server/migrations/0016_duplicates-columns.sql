CREATE TABLE "duplicate_merges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"object_type" text NOT NULL,
	"survivor_id" uuid NOT NULL,
	"merged_ids" uuid[] NOT NULL,
	"actor_id" uuid,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"before" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duplicate_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"object_type" text NOT NULL,
	"field" text NOT NULL,
	"match" text DEFAULT 'exact' NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "dup_name" text GENERATED ALWAYS AS (rapport_dup_name(name)) STORED;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "dup_phones" text[] GENERATED ALWAYS AS (rapport_dup_phone_list(phones)) STORED;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "dup_emails" text[] GENERATED ALWAYS AS (rapport_dup_email_list(emails)) STORED;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "dup_name" text GENERATED ALWAYS AS (rapport_dup_name(name)) STORED;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "dup_phones" text[] GENERATED ALWAYS AS (array_remove(array[rapport_dup_phone(phone)], null)) STORED;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "dup_emails" text[] GENERATED ALWAYS AS (array_remove(array[rapport_dup_email(email)], null)) STORED;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "dup_domains" text[] GENERATED ALWAYS AS (array_remove(array[rapport_dup_domain(website), rapport_dup_domain(email)], null)) STORED;--> statement-breakpoint
ALTER TABLE "duplicate_merges" ADD CONSTRAINT "duplicate_merges_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_rules" ADD CONSTRAINT "duplicate_rules_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "duplicate_merges_survivor_idx" ON "duplicate_merges" USING btree ("organization_id","survivor_id");--> statement-breakpoint
CREATE INDEX "duplicate_merges_merged_idx" ON "duplicate_merges" USING gin ("merged_ids");--> statement-breakpoint
CREATE UNIQUE INDEX "duplicate_rules_field_idx" ON "duplicate_rules" USING btree ("organization_id","object_type","field");--> statement-breakpoint
CREATE INDEX "contacts_dup_name_idx" ON "contacts" USING btree ("organization_id","dup_name") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "contacts_dup_name_trgm_idx" ON "contacts" USING gin (dup_name gin_trgm_ops) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "contacts_dup_phones_idx" ON "contacts" USING gin ("dup_phones") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "contacts_dup_emails_idx" ON "contacts" USING gin ("dup_emails") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "customers_dup_name_idx" ON "customers" USING btree ("organization_id","dup_name") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "customers_dup_name_trgm_idx" ON "customers" USING gin (dup_name gin_trgm_ops) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "customers_dup_phones_idx" ON "customers" USING gin ("dup_phones") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "customers_dup_emails_idx" ON "customers" USING gin ("dup_emails") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "customers_dup_domains_idx" ON "customers" USING gin ("dup_domains") WHERE deleted_at is null;