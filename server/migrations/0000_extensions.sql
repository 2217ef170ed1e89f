-- Trigram matching for keyword search (typo-tolerant, index-backed ILIKE).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
