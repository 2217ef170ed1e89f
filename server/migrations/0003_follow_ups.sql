CREATE TABLE "follow_ups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"customer_id" uuid NOT NULL,
	"contact_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"content" text NOT NULL,
	"outcome" text,
	"next_follow_up_at" timestamp (3) with time zone,
	"owner_id" uuid,
	"department_id" uuid,
	"created_by" uuid,
	"deleted_at" timestamp (3) with time zone,
	"deleted_by" uuid
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "last_follow_up_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "next_follow_up_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_ups_customer_occurred_idx" ON "follow_ups" USING btree ("organization_id","customer_id","occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "follow_ups_org_occurred_idx" ON "follow_ups" USING btree ("organization_id","occurred_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "follow_ups_org_created_idx" ON "follow_ups" USING btree ("organization_id","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "follow_ups_org_owner_idx" ON "follow_ups" USING btree ("organization_id","owner_id");--> statement-breakpoint
CREATE INDEX "follow_ups_org_department_idx" ON "follow_ups" USING btree ("organization_id","department_id");--> statement-breakpoint
CREATE INDEX "follow_ups_org_deleted_idx" ON "follow_ups" USING btree ("organization_id","deleted_at") WHERE deleted_at is not null;--> statement-breakpoint
CREATE INDEX "customers_org_next_follow_up_idx" ON "customers" USING btree ("organization_id","next_follow_up_at") WHERE deleted_at is null;