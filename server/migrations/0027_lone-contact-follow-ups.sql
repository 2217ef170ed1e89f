ALTER TABLE "follow_ups" ALTER COLUMN "customer_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_customer_or_contacts" CHECK ("follow_ups"."customer_id" is not null or cardinality("follow_ups"."contact_ids") > 0);
