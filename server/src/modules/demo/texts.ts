import type { buyingRoles } from "../contacts/schema.ts";
import type { followUpKinds } from "../follow-ups/schema.ts";

/**
 * What the demo staff write, in Chinese and in English. A generator picks a pair, then the
 * organization's language from it: both languages draw the same numbers, so one seed gives the
 * same data in either.
 */
export type Words = readonly [zh: string, en: string];
export const say = (zh: boolean, words: Words) => (zh ? words[0] : words[1]);

export type ContactRole = {
  title: Words;
  department: Words;
  buyingRole: (typeof buyingRoles)[number];
};

/** The people a sales team meets at a customer; the first ones decide. */
export const contactRoles: readonly ContactRole[] = [
  { title: ["总经理", "General Manager"], department: ["总经办", "Management"], buyingRole: "decision_maker" },
  { title: ["采购总监", "Head of Procurement"], department: ["采购部", "Procurement"], buyingRole: "decision_maker" },
  { title: ["采购经理", "Purchasing Manager"], department: ["采购部", "Procurement"], buyingRole: "influencer" },
  { title: ["信息部经理", "IT Manager"], department: ["信息部", "IT"], buyingRole: "champion" },
  { title: ["财务经理", "Finance Manager"], department: ["财务部", "Finance"], buyingRole: "influencer" },
  { title: ["项目经理", "Project Manager"], department: ["项目部", "Projects"], buyingRole: "champion" },
  { title: ["运营主管", "Operations Supervisor"], department: ["运营部", "Operations"], buyingRole: "user" },
  { title: ["技术工程师", "Engineer"], department: ["技术部", "Engineering"], buyingRole: "user" },
  { title: ["总经理助理", "Assistant to the GM"], department: ["总经办", "Management"], buyingRole: "gatekeeper" },
];

export const loneContactNote: Words = [
  "展会上交换名片，尚未确定所在公司。",
  "Met at a trade show; which company they are with is not yet known.",
];

type FollowUpKind = (typeof followUpKinds)[number];

export const followUpContents: Record<FollowUpKind, readonly Words[]> = {
  call: [
    ["电话沟通新版报价，客户希望再优惠5%。", "Called about the revised quote; they want another 5% off."],
    ["电话确认下周演示的时间和参会人员。", "Called to confirm the time and attendees of next week's demo."],
    ["回访使用情况，客户反馈系统运行稳定。", "Check-in call: they report the system runs smoothly."],
    ["电话跟进合同审批进度，法务还在审核条款。", "Chased the contract approval; their legal team is still reviewing."],
    ["客户来电咨询增加账号的价格。", "They called asking for the price of extra seats."],
  ],
  meeting: [
    ["线上会议演示产品，重点介绍审批流和报表。", "Online demo focused on approval flows and reports."],
    ["与采购和IT开会讨论实施计划。", "Meeting with procurement and IT about the rollout plan."],
    ["季度业务回顾会议，讨论明年预算。", "Quarterly business review; discussed next year's budget."],
    ["需求澄清会，整理了12项功能需求。", "Requirements workshop; captured 12 feature requests."],
  ],
  visit: [
    ["上门拜访，参观了生产线，了解现场管理痛点。", "Site visit; toured the production line and saw their pain points."],
    [
      "拜访客户总部，与总经理面谈合作方向。",
      "Visited their head office; met the general manager about working together.",
    ],
    ["陪同技术同事上门排查问题。", "Went on site with an engineer to troubleshoot."],
    ["送达合同并现场讲解服务条款。", "Delivered the contract and walked through the service terms in person."],
  ],
  email: [
    ["发送产品资料和案例介绍。", "Sent the brochure and customer case studies."],
    ["邮件发送正式报价单，有效期30天。", "Emailed the formal quote, valid for 30 days."],
    ["发送会议纪要和下一步计划。", "Sent the meeting notes and next steps."],
    ["邮件回复客户关于数据迁移的问题。", "Answered their questions on data migration by email."],
  ],
  note: [
    ["客户预算已批，预计本季度下单。", "Budget approved; order expected this quarter."],
    ["听说竞争对手也在接触客户，需加快节奏。", "Heard a competitor is talking to them too; we need to move faster."],
    ["客户决策人变更，需要重新建立关系。", "Their decision maker changed; we need to build the relationship again."],
    ["客户对售后响应时间有顾虑。", "They are worried about support response times."],
  ],
};

export const followUpOutcomes: readonly Words[] = [
  ["客户有意向，等待内部评估。", "Interested; waiting for their internal review."],
  ["同意进入试用。", "Agreed to a trial."],
  ["需要我们补充技术方案。", "They need a technical proposal from us."],
  ["价格仍有分歧。", "Still apart on price."],
  ["已确认下一步安排。", "Next steps agreed."],
  ["暂无明确结论。", "No clear outcome yet."],
];

export const loneContactFollowUp: Words = [
  "展会上交换名片，对方对产品有兴趣，约了下次电话。",
  "Exchanged cards at the trade show; interested in the product, a call agreed.",
];

/** A rep's own to-dos about a customer. */
export const customerTaskTitles: readonly Words[] = [
  ["发送报价单", "Send the quote"],
  ["准备续约方案", "Prepare the renewal proposal"],
  ["安排产品演示", "Schedule a product demo"],
  ["回访客户使用情况", "Check in on how they use the product"],
  ["跟进合同签署", "Follow up on the contract signature"],
  ["催收第二期款项", "Chase the second instalment"],
  ["整理客户需求文档", "Write up the customer's requirements"],
  ["邀请客户参加新品发布会", "Invite them to the product launch"],
  ["确认开票信息", "Confirm the invoicing details"],
  ["准备投标文件", "Prepare the tender documents"],
];

/** What a manager asks of someone on their team, about a customer. */
export const assignedTaskTitles: readonly Words[] = [
  ["本周内拜访客户决策人", "Visit their decision maker this week"],
  ["核实客户的付款条件", "Check their payment terms"],
  ["更新该客户的商机预测", "Update the forecast for this customer"],
];

/** A manager's request that the administrator decides. */
export const approvalTaskTitle: Words = ["审批折扣申请", "Approve the discount request"];

/** The administrator's own work, not about one customer. */
export const adminTaskTitles: readonly Words[] = [
  ["审核季度销售报告", "Review the quarterly sales report"],
  ["检查重复客户并合并", "Check for duplicate customers and merge them"],
  ["为新同事分配客户", "Assign customers to the new colleague"],
];

/** Marketing's work, not about one customer. */
export const marketingTaskTitles: readonly Words[] = [
  ["整理展会线索", "Sort the trade show leads"],
  ["策划下季度市场活动", "Plan next quarter's campaign"],
  ["更新产品宣传册", "Update the product brochure"],
];

/** Customer service's work, about a customer. */
export const serviceTaskTitles: readonly Words[] = [
  ["处理客户投诉", "Handle the customer's complaint"],
  ["回访满意度调查", "Follow up on the satisfaction survey"],
  ["安排上门培训", "Arrange on-site training"],
];
