-- Roles that existed before the public pool: whoever may create customers may also see the pool
-- and claim from it, as the new default roles do. Roles that already mention the pool are left alone.
UPDATE "roles"
SET "permissions" = "permissions" || '{"pool": {"actions": ["view", "claim"], "scope": "all"}}'::jsonb
WHERE "permissions" -> 'customers' -> 'actions' ? 'create'
  AND NOT "permissions" ? 'pool';
