-- The language an import was started in: the run tells its notes in it, as the check before it did.
ALTER TABLE "import_batches" ADD COLUMN "locale" text;