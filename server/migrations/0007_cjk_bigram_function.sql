-- Chinese is searched by two characters at a time ("华为", "科技"), which trigrams cannot index.
-- The pairs of adjacent CJK characters of a text, for a GIN index queried with @>.
CREATE OR REPLACE FUNCTION rapport_cjk_bigrams(input text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT pair), '{}'::text[])
  FROM (SELECT substr(input, i, 2) AS pair FROM generate_series(1, length(input) - 1) AS i) AS pairs
  WHERE pair ~ '^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2}$'
$$;
