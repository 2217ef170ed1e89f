-- Duplicate check (查重): the normalized keys records are matched on, as immutable functions so
-- generated columns can store them under indexes and a draft record is normalized by the same code.

-- A name without case, spaces, punctuation (ASCII, Latin-1, general and CJK/fullwidth) and
-- trailing legal suffixes: "Acme Co., Ltd." = "ACME Inc" = "acme"; "华为技术有限公司" = "华为技术".
CREATE OR REPLACE FUNCTION rapport_dup_name(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT nullif(regexp_replace(
    regexp_replace(
      regexp_replace(lower(coalesce(input, '')), '[\s!-/:-@\[-`{-~\u00a0-\u00bf\u2010-\u206f\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+', ' ', 'g'),
      '((\s(inc|ltd|llc|gmbh|co|corp|corporation|limited|company|plc|ag|sa|srl|bv))|股份有限公司|有限责任公司|有限公司|集团|公司)+\s*$', ''),
    '\s+', '', 'g'), '')
$$;--> statement-breakpoint

-- A phone as its digits, without an extension or the +86 / 0086 country prefix; too short to mean anything is null.
CREATE OR REPLACE FUNCTION rapport_dup_phone(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN length(d) >= 5 THEN d END FROM (
    SELECT regexp_replace(
      regexp_replace(regexp_replace(coalesce(input, ''), '\s*(ext\.?|x|转)\s*[0-9]+\s*$', '', 'i'), '^\s*(\+|00)\s*86', ''),
      '[^0-9]', '', 'g') AS d
  ) AS digits
$$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION rapport_dup_email(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN position('@' IN e) > 1 THEN e END FROM (SELECT lower(trim(coalesce(input, ''))) AS e) AS v
$$;--> statement-breakpoint

-- The web domain of a website ("https://www.acme.com/about" -> "acme.com") or of an email address;
-- free mail providers say nothing about the company, so their domains are no key.
CREATE OR REPLACE FUNCTION rapport_dup_domain(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN d LIKE '%.%' AND d NOT IN (
      'gmail.com', 'googlemail.com', 'qq.com', 'vip.qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net',
      'vip.163.com', 'sina.com', 'sina.cn', 'sohu.com', 'aliyun.com', '139.com', '189.cn', 'outlook.com',
      'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'icloud.com', 'me.com', 'proton.me', 'protonmail.com',
      'gmx.de', 'gmx.net', 'web.de', 'mail.ru', 'yandex.ru', 'aol.com')
    THEN d END
  FROM (
    SELECT CASE WHEN v LIKE '%@%' THEN split_part(v, '@', 2)
      ELSE regexp_replace(regexp_replace(v, '^[a-z][a-z0-9+.-]*://', ''), '^www\.|[:/?#].*$', '', 'g') END AS d
    FROM (SELECT lower(trim(coalesce(input, ''))) AS v) AS raw
  ) AS domain
$$;--> statement-breakpoint

-- A contact's phones and emails are jsonb lists: their keys, distinct.
CREATE OR REPLACE FUNCTION rapport_dup_phone_list(items jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT k) FILTER (WHERE k IS NOT NULL), '{}'::text[])
  FROM (SELECT rapport_dup_phone(e->>'number') AS k FROM jsonb_array_elements(items) AS e) AS keys
$$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION rapport_dup_email_list(items jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT k) FILTER (WHERE k IS NOT NULL), '{}'::text[])
  FROM (SELECT rapport_dup_email(e->>'address') AS k FROM jsonb_array_elements(items) AS e) AS keys
$$;
