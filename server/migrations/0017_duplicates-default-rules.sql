-- Every existing organization gets the default duplicate rules new organizations are created with
-- (modules/duplicates/rules.ts defaultRules): names are a weak sign for people, so off for contacts.
INSERT INTO "duplicate_rules" ("id", "organization_id", "object_type", "field", "match", "active")
SELECT gen_random_uuid(), o.id, r.object_type, r.field, r.match, r.active
FROM "organizations" o
CROSS JOIN (VALUES
  ('customer', 'name', 'fuzzy', true),
  ('customer', 'phone', 'exact', true),
  ('customer', 'email', 'exact', true),
  ('customer', 'domain', 'exact', true),
  ('contact', 'name', 'exact', false),
  ('contact', 'phone', 'exact', true),
  ('contact', 'email', 'exact', true)
) AS r(object_type, field, match, active)
ON CONFLICT DO NOTHING;
