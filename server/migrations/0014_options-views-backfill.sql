-- Custom SQL migration file, put your code below! ---- Every existing organization gets today's option lists (new ones are seeded by createOrganization),
-- and the tags its customers already carry become its tag list, so no record loses a readable value.
insert into option_values (id, organization_id, list_key, key, label_zh, label_en, color, position)
select gen_random_uuid(), o.id, d.list_key, d.key, d.label_zh, d.label_en, d.color, d.position
from organizations o
cross join (values
  ('customer.industry', 'technology', '信息技术', 'Technology', null, 0),
  ('customer.industry', 'manufacturing', '制造业', 'Manufacturing', null, 1),
  ('customer.industry', 'retail', '零售', 'Retail', null, 2),
  ('customer.industry', 'finance', '金融', 'Finance', null, 3),
  ('customer.industry', 'healthcare', '医疗健康', 'Healthcare', null, 4),
  ('customer.industry', 'education', '教育', 'Education', null, 5),
  ('customer.industry', 'real_estate', '房地产', 'Real estate', null, 6),
  ('customer.industry', 'professional_services', '专业服务', 'Professional services', null, 7),
  ('customer.industry', 'logistics', '物流', 'Logistics', null, 8),
  ('customer.industry', 'energy', '能源', 'Energy', null, 9),
  ('customer.industry', 'media', '传媒', 'Media', null, 10),
  ('customer.industry', 'government', '政府机构', 'Government', null, 11),
  ('customer.industry', 'other', '其他', 'Other', null, 12),
  ('customer.size', '1-10', '1-10 人', '1-10 employees', null, 0),
  ('customer.size', '11-50', '11-50 人', '11-50 employees', null, 1),
  ('customer.size', '51-200', '51-200 人', '51-200 employees', null, 2),
  ('customer.size', '201-1000', '201-1000 人', '201-1000 employees', null, 3),
  ('customer.size', '1001+', '1001+ 人', '1001+ employees', null, 4),
  ('customer.level', 'A', 'A · 重点客户', 'A · Key account', 'red', 0),
  ('customer.level', 'B', 'B · 普通客户', 'B · Regular', 'orange', 1),
  ('customer.level', 'C', 'C · 一般客户', 'C · Occasional', 'blue', 2),
  ('customer.level', 'D', 'D · 低价值客户', 'D · Low value', null, 3),
  ('customer.source', 'website', '官网', 'Website', null, 0),
  ('customer.source', 'referral', '客户介绍', 'Referral', null, 1),
  ('customer.source', 'event', '会议活动', 'Event', null, 2),
  ('customer.source', 'advertising', '广告', 'Advertising', null, 3),
  ('customer.source', 'cold_call', '电话陌拜', 'Cold call', null, 4),
  ('customer.source', 'partner', '合作伙伴', 'Partner', null, 5),
  ('customer.source', 'social_media', '社交媒体', 'Social media', null, 6),
  ('customer.source', 'other', '其他', 'Other', null, 7),
  ('customer.lifecycleStage', 'lead', '线索', 'Lead', 'blue', 0),
  ('customer.lifecycleStage', 'prospect', '潜在客户', 'Prospect', 'gold', 1),
  ('customer.lifecycleStage', 'customer', '成交客户', 'Customer', 'green', 2),
  ('customer.lifecycleStage', 'churned', '流失客户', 'Churned', null, 3)
) as d(list_key, key, label_zh, label_en, color, position)
on conflict do nothing;
--> statement-breakpoint
insert into option_values (id, organization_id, list_key, key, label_zh, label_en, position)
select gen_random_uuid(), t.organization_id, 'customer.tags', t.tag, t.tag, t.tag,
  (row_number() over (partition by t.organization_id order by t.tag))::int - 1
from (select distinct organization_id, unnest(tags) as tag from customers) t
on conflict do nothing;
