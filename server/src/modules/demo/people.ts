import type { Scope } from "../../platform/permissions.ts";

export type DepartmentKey = "sales" | "east" | "south" | "marketing" | "service";

/** The departments under 总部/Head office (parent null: directly under it). */
export const demoDepartments: { key: DepartmentKey; parent: DepartmentKey | null; zh: string; en: string }[] = [
  { key: "sales", parent: null, zh: "销售部", en: "Sales" },
  { key: "east", parent: "sales", zh: "华东区", en: "East" },
  { key: "south", parent: "sales", zh: "华南区", en: "South" },
  { key: "marketing", parent: null, zh: "市场部", en: "Marketing" },
  { key: "service", parent: null, zh: "客服部", en: "Service" },
];

export type DemoPerson = {
  /** The mailbox: wang.fang@demo.rapport.local */
  key: string;
  zh: string;
  en: string;
  department: DepartmentKey;
  /** The data scope of the role they hold (the default roles: 销售代表 own, 销售经理 subordinates …). */
  scope: Scope;
  /** Their superior's key; null reports to the organization's admin. */
  manager: string | null;
  /** Manages their department. */
  heads: boolean;
  /** Share of the customers they own (0: none). */
  customerWeight: number;
  /** Works with customers abroad. */
  overseas: boolean;
};

export const demoPeople: DemoPerson[] = [
  {
    key: "zhang.wei",
    zh: "张伟",
    en: "Wei Zhang",
    department: "sales",
    scope: "departmentTree",
    manager: null,
    heads: true,
    customerWeight: 1,
    overseas: false,
  },
  {
    key: "li.na",
    zh: "李娜",
    en: "Na Li",
    department: "east",
    scope: "subordinates",
    manager: "zhang.wei",
    heads: true,
    customerWeight: 2,
    overseas: false,
  },
  {
    key: "wang.fang",
    zh: "王芳",
    en: "Fang Wang",
    department: "east",
    scope: "own",
    manager: "li.na",
    heads: false,
    customerWeight: 4,
    overseas: false,
  },
  {
    key: "liu.yang",
    zh: "刘洋",
    en: "Yang Liu",
    department: "east",
    scope: "own",
    manager: "li.na",
    heads: false,
    customerWeight: 4,
    overseas: false,
  },
  {
    key: "chen.jing",
    zh: "陈静",
    en: "Jing Chen",
    department: "south",
    scope: "subordinates",
    manager: "zhang.wei",
    heads: true,
    customerWeight: 2,
    overseas: true,
  },
  {
    key: "david.miller",
    zh: "David Miller",
    en: "David Miller",
    department: "south",
    scope: "own",
    manager: "chen.jing",
    heads: false,
    customerWeight: 4,
    overseas: true,
  },
  {
    key: "emily.huang",
    zh: "黄爱米 Emily",
    en: "Emily Huang",
    department: "south",
    scope: "own",
    manager: "chen.jing",
    heads: false,
    customerWeight: 3,
    overseas: true,
  },
  {
    key: "zhao.min",
    zh: "赵敏",
    en: "Min Zhao",
    department: "marketing",
    scope: "all",
    manager: null,
    heads: true,
    customerWeight: 0,
    overseas: false,
  },
  {
    key: "sun.li",
    zh: "孙丽",
    en: "Li Sun",
    department: "service",
    scope: "all",
    manager: null,
    heads: true,
    customerWeight: 0,
    overseas: false,
  },
];

export const DEMO_MAIL_DOMAIN = "demo.rapport.local";
