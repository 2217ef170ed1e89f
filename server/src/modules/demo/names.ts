/** A key of the default industry list (demo data goes into a new organization, which has it). */
type Industry = string;

/** Chinese trade names with their pinyin, for web and mail addresses. */
export const chineseBrands = [
  ["华信", "huaxin"],
  ["远景", "yuanjing"],
  ["恒通", "hengtong"],
  ["瑞丰", "ruifeng"],
  ["星辰", "xingchen"],
  ["中科", "zhongke"],
  ["海纳", "haina"],
  ["金桥", "jinqiao"],
  ["东方明珠", "dfmz"],
  ["鼎盛", "dingsheng"],
  ["天润", "tianrun"],
  ["博远", "boyuan"],
  ["润和", "runhe"],
  ["新锐", "xinrui"],
  ["嘉禾", "jiahe"],
  ["云帆", "yunfan"],
  ["立德", "lide"],
  ["安泰", "antai"],
  ["合众", "hezhong"],
  ["长风", "changfeng"],
  ["汇智", "huizhi"],
  ["青藤", "qingteng"],
  ["锦程", "jincheng"],
  ["盛华", "shenghua"],
] as const;

/** What a Chinese company name says it does, and the industry that is. */
export const chineseTrades: readonly (readonly [string, string, Industry])[] = [
  ["科技", "tech", "technology"],
  ["信息技术", "it", "technology"],
  ["智能制造", "mfg", "manufacturing"],
  ["精密机械", "machinery", "manufacturing"],
  ["商贸", "trading", "retail"],
  ["连锁超市", "mart", "retail"],
  ["物流", "logistics", "logistics"],
  ["供应链管理", "scm", "logistics"],
  ["医疗器械", "medical", "healthcare"],
  ["生物医药", "bio", "healthcare"],
  ["教育科技", "edu", "education"],
  ["融资租赁", "leasing", "finance"],
  ["新能源", "energy", "energy"],
  ["文化传媒", "media", "media"],
  ["置业", "estate", "real_estate"],
  ["管理咨询", "consulting", "professional_services"],
];

export const foreignBrands = [
  "Northwind",
  "Blue Harbor",
  "Crescent",
  "Summit",
  "Atlas",
  "Evergreen",
  "Silverline",
  "Redwood",
  "Brightpath",
  "Lakeside",
  "Ironbridge",
  "Meridian",
  "Oakridge",
  "Pioneer",
  "Sterling",
  "Kestrel",
] as const;

export const foreignTrades: readonly (readonly [string, Industry])[] = [
  ["Software", "technology"],
  ["Analytics", "technology"],
  ["Robotics", "manufacturing"],
  ["Components", "manufacturing"],
  ["Foods", "retail"],
  ["Outfitters", "retail"],
  ["Logistics", "logistics"],
  ["Health", "healthcare"],
  ["Capital", "finance"],
  ["Learning", "education"],
  ["Energy", "energy"],
  ["Media", "media"],
  ["Consulting", "professional_services"],
  ["Properties", "real_estate"],
];

export const chineseSurnames = [
  ["陈", "chen"],
  ["林", "lin"],
  ["黄", "huang"],
  ["周", "zhou"],
  ["吴", "wu"],
  ["徐", "xu"],
  ["马", "ma"],
  ["胡", "hu"],
  ["郭", "guo"],
  ["何", "he"],
] as const;

export const chineseGivenNames = [
  ["晓明", "xiaoming"],
  ["雅婷", "yating"],
  ["志强", "zhiqiang"],
  ["婉清", "wanqing"],
  ["建国", "jianguo"],
  ["思远", "siyuan"],
  ["欣怡", "xinyi"],
  ["子涵", "zihan"],
  ["海峰", "haifeng"],
  ["丽华", "lihua"],
] as const;

export const englishFirstNames = [
  "Sarah",
  "Michael",
  "Anna",
  "James",
  "Laura",
  "Thomas",
  "Olivia",
  "Daniel",
  "Sophie",
  "Lukas",
] as const;
export const englishLastNames = [
  "Johnson",
  "Brown",
  "Schmidt",
  "Taylor",
  "Müller",
  "Wilson",
  "Clarke",
  "Weber",
  "Tanaka",
  "Lee",
] as const;

export const chineseNotes = [
  "客户计划明年上半年更换现有系统，关注与金蝶ERP的对接。",
  "采购负责人偏好电话沟通，下周二安排产品演示。",
  "年度框架协议将于季度末到期，需提前准备续签方案。",
  "对价格较敏感，已申请阶梯折扣，等待经理审批。",
  "在上海工博会上结识，对OEM合作有兴趣。",
  "上次回访反馈售后响应慢，已转客服部跟进。",
  "招投标项目，预计下月发布公告。",
  "老客户转介绍，决策链较短。",
];

export const englishNotes = [
  "Met at the Canton Fair; interested in OEM terms and lead times.",
  "Procurement wants a pilot for two sites before a group-wide rollout.",
  "Renewal due next quarter; champion moved to a new role, find a new sponsor.",
  "Asked for a quote in EUR with DDP Hamburg delivery.",
  "Prefers email; decision expected after their board meeting.",
  "Evaluating us against two local vendors; strong on integration, weak on price.",
  "Referred by an existing customer in Singapore.",
];

/** One tag per meaning, labelled in both languages, as an admin would set them up. */
export const demoTags = [
  { key: "vip", zh: "VIP", en: "VIP" },
  { key: "key_account", zh: "重点客户", en: "Key account" },
  { key: "renewal", zh: "续约", en: "Renewal" },
  { key: "trade_show", zh: "展会", en: "Trade show" },
  { key: "channel_partner", zh: "渠道伙伴", en: "Channel partner" },
  { key: "long_standing", zh: "老客户", en: "Long-standing customer" },
  { key: "tender", zh: "招投标", en: "Tender" },
  { key: "overseas", zh: "海外", en: "Overseas" },
  { key: "oem", zh: "OEM", en: "OEM" },
] as const;
