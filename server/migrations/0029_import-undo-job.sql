ALTER TABLE "import_batches" ADD COLUMN "undone_rows" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_batches" ADD COLUMN "reverted_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_batches" ADD COLUMN "kept_count" integer DEFAULT 0 NOT NULL;