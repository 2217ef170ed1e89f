-- China's trunk prefix: "021-7480-8977" is "+86 21 7480 8977", so the phone key drops a leading 0
-- that stands before a digit 1-9 (after +86 or 0086, as before). "0044 …" (an international prefix)
-- keeps its zeros. Stored keys are generated columns: the rows whose key changes are rewritten below.
CREATE OR REPLACE FUNCTION rapport_dup_phone(input text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  digits text := regexp_replace(
    regexp_replace(regexp_replace(coalesce(input, ''), '\s*(ext\.?|x|转)\s*[0-9]+\s*$', '', 'i'), '^\s*(\+|00)\s*86', ''),
    '[^0-9]', '', 'g');
BEGIN
  IF digits ~ '^0[1-9]' THEN digits := substr(digits, 2); END IF;
  IF length(digits) >= 5 THEN RETURN digits; END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
UPDATE "customers" SET "phone" = "phone" WHERE EXISTS (SELECT 1 FROM unnest("dup_phones") AS k WHERE k ~ '^0[1-9]');--> statement-breakpoint
UPDATE "contacts" SET "phones" = "phones" WHERE EXISTS (SELECT 1 FROM unnest("dup_phones") AS k WHERE k ~ '^0[1-9]');--> statement-breakpoint

-- Roles made before tasks could be handed on and before the duplicate finder: the default roles
-- (by their names in either language) get what new organizations' default roles have. Roles an
-- administrator made or renamed are left alone.
UPDATE "roles"
SET "permissions" = jsonb_set("permissions", '{tasks,actions}', ("permissions" -> 'tasks' -> 'actions') || '["transfer"]'::jsonb)
WHERE "name" IN ('销售代表', 'Sales rep')
  AND "permissions" -> 'tasks' -> 'actions' ? 'create'
  AND NOT "permissions" -> 'tasks' -> 'actions' ? 'transfer';--> statement-breakpoint
UPDATE "roles"
SET "permissions" = "permissions" || '{"duplicates": {"actions": ["view"], "scope": "all"}}'::jsonb
WHERE "name" IN ('销售经理', 'Sales manager', '部门主管', 'Department head')
  AND NOT "permissions" ? 'duplicates';
