CREATE TABLE "pool_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"max_owned_customers" integer,
	"reclaim_rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_shares" (
	"organization_id" uuid NOT NULL,
	"object_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"access" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_shares_organization_id_object_type_record_id_user_id_pk" PRIMARY KEY("organization_id","object_type","record_id","user_id"),
	CONSTRAINT "record_shares_access_check" CHECK ("record_shares"."access" in ('read', 'write'))
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "owner_assigned_at" timestamp (3) with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Customers owned before this column existed: count from their creation, the best knowledge there is.
UPDATE "customers" SET "owner_assigned_at" = "created_at";--> statement-breakpoint
ALTER TABLE "pool_settings" ADD CONSTRAINT "pool_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "record_shares_user_idx" ON "record_shares" USING btree ("user_id","object_type","record_id");