import { newId } from "../../platform/db/columns.ts";
import type { notifications } from "../notifications/table.ts";
import type { taskPriorities } from "../tasks/schema.ts";
import type { tasks } from "../tasks/table.ts";
import type { OrgClock } from "./clock.ts";
import type { NewCustomer } from "./customers.ts";
import type { SeededRandom } from "./random.ts";
import {
  adminTaskTitles,
  approvalTaskTitle,
  assignedTaskTitles,
  customerTaskTitles,
  marketingTaskTitles,
  say,
  serviceTaskTitles,
  type Words,
} from "./texts.ts";

export type NewTask = typeof tasks.$inferInsert & {
  id: string;
  title: string;
  ownerId: string;
  createdBy: string;
  createdAt: Date;
  remindAt: Date | null;
};
export type NewNotice = typeof notifications.$inferInsert & { id: string };

/** Someone the demo gives work: the sales staff own customers; the admin has no manager. */
export type TaskPerson = {
  id: string;
  name: string;
  departmentId: string | null;
  managerId: string | null;
  work: "admin" | "sales" | "marketing" | "service";
  customers: NewCustomer[];
};

/** When a task falls due, as "My tasks" sorts it: today (at a time, or all day), overdue, later, or done. */
type When = "today" | "allDay" | "overdue" | "upcoming" | "done";

const HOUR = 3_600_000;

const priorities: readonly (readonly [(typeof taskPriorities)[number], number])[] = [
  ["low", 2],
  ["normal", 5],
  ["high", 3],
  ["urgent", 1],
];

/**
 * Tasks for everyone in the demo and the administrator: some due today, one or two overdue, some
 * in the coming two weeks, a few done, about their customers; one per salesperson asked by their
 * manager, and two approvals the sales managers ask of the administrator, each with the notice
 * its assignee got ("assigned you a task"). Reminders only ahead of now: none fires at start.
 */
export function generateTasks(
  r: SeededRandom,
  input: { organizationId: string; people: TaskPerson[]; customers: NewCustomer[]; clock: OrgClock; zh: boolean },
): { tasks: NewTask[]; notices: NewNotice[] } {
  const { organizationId, clock, zh, people } = input;
  const now = clock.now;
  const rows: NewTask[] = [];
  const byId = new Map(people.map((p) => [p.id, p]));

  function task(
    owner: TaskPerson,
    when: When,
    title: Words,
    about: NewCustomer | null,
    options: { by?: TaskPerson; priority?: (typeof taskPriorities)[number] } = {},
  ) {
    const hour = () => r.int(9, 17);
    const due =
      when === "allDay"
        ? clock.endOfDay(0)
        : when === "today"
          ? clock.at(0, hour(), r.pick([0, 30]))
          : when === "overdue"
            ? clock.at(-r.int(1, 6), hour())
            : when === "upcoming"
              ? clock.at(r.int(1, 14), hour(), r.pick([0, 30]))
              : clock.at(-r.int(1, 30), hour());
    // Finished on its day or a day or two before; given a day or more before that, in office hours.
    const completedAt =
      when === "done"
        ? new Date(Math.min(now - HOUR, clock.at(clock.dayOf(due) - r.int(0, 2), hour(), r.int(0, 59)).getTime()))
        : null;
    const givenBefore = clock.dayOf(new Date(Math.min(completedAt?.getTime() ?? now, due.getTime())));
    const createdAt = clock.at(givenBefore - r.int(1, 10), hour(), r.int(0, 59));
    // For some of what is still to come, a reminder an hour ahead or at 9:00 that morning.
    const morning = clock.at(clock.dayOf(due), 9);
    const remindAt =
      when === "upcoming" && r.chance(0.5)
        ? r.chance(0.5) && morning < due
          ? morning
          : new Date(due.getTime() - HOUR)
        : null;
    const status = when === "done" ? "done" : r.chance(0.25) ? "in_progress" : "open";
    rows.push({
      id: newId(),
      organizationId,
      title: say(zh, title),
      dueAt: due,
      dueOrder: due,
      allDay: when === "allDay",
      priority: options.priority ?? r.weighted(priorities),
      status,
      completedAt,
      relatedType: about ? "customer" : null,
      relatedId: about?.id ?? null,
      remindAt: remindAt && remindAt.getTime() > now ? remindAt : null,
      ownerId: owner.id,
      departmentId: owner.departmentId,
      createdBy: (options.by ?? owner).id,
      createdAt,
      updatedAt: completedAt ?? createdAt,
    });
  }

  const anyCustomer = () => r.pick(input.customers);
  /** Tasks due at these times, titled from the list without repeating one while it lasts. */
  function several(
    person: TaskPerson,
    whens: readonly When[],
    titles: readonly Words[],
    about: () => NewCustomer | null,
  ) {
    const order = r.some(titles, titles.length);
    for (const [i, when] of whens.entries()) task(person, when, order[i % order.length] ?? r.pick(titles), about());
  }
  for (const person of people) {
    if (person.work === "sales") {
      const mine = () => r.pick(person.customers.length > 0 ? person.customers : input.customers);
      const own: When[] = ["allDay", "today", "overdue", "upcoming", "upcoming", "upcoming", "done", "done", "done"];
      if (r.chance(0.5)) own.push("overdue");
      several(person, own, customerTaskTitles, mine);
      const manager = person.managerId ? byId.get(person.managerId) : undefined;
      if (manager) {
        task(person, r.pick(["today", "upcoming"] as const), r.pick(assignedTaskTitles), mine(), { by: manager });
      }
    } else if (person.work === "marketing") {
      several(person, ["allDay", "upcoming", "done"], marketingTaskTitles, () => null);
    } else if (person.work === "service") {
      several(person, ["today", "overdue", "upcoming", "done"], serviceTaskTitles, anyCustomer);
    }
  }

  // The administrator: their own work, and the sales managers' discount approvals.
  const admin = people.find((p) => p.work === "admin");
  const managers = people.filter((p) => p.work === "sales" && people.some((q) => q.managerId === p.id));
  if (admin) {
    const [report, duplicates, newcomer] = adminTaskTitles;
    if (duplicates) task(admin, "allDay", duplicates, null, { priority: "normal" });
    if (report) task(admin, "overdue", report, null, { priority: "high" });
    if (newcomer) task(admin, "upcoming", newcomer, null, { priority: "low" });
    task(admin, "done", r.pick(customerTaskTitles), anyCustomer());
    managers.forEach((manager, i) => {
      const when = (["today", "upcoming", "done"] as const)[i % 3] ?? "today";
      const teamCustomers = people.filter((p) => p.managerId === manager.id).flatMap((p) => p.customers);
      const about = teamCustomers.length > 0 ? r.pick(teamCustomers) : anyCustomer();
      task(admin, when, approvalTaskTitle, about, { by: manager, priority: "high" });
    });
  }
  return { tasks: rows, notices: assignedNotices(rows, byId) };
}

/**
 * The bell's "{by} assigned you a task" for each task someone gave another, as the tasks service
 * writes it (notifyTaskAssigned). Ids in the order the notices came, as the bell lists them.
 */
function assignedNotices(rows: NewTask[], people: Map<string, TaskPerson>): NewNotice[] {
  return rows
    .filter((task) => task.createdBy !== task.ownerId)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((task) => {
      // Read once the task is done; the open ones wait in the bell.
      const seen = task.status === "done";
      return {
        id: newId(),
        organizationId: task.organizationId,
        userId: task.ownerId,
        kind: "taskAssigned",
        params: { title: task.title, by: people.get(task.createdBy)?.name ?? null },
        linkType: "task",
        linkId: task.id,
        readAt: seen ? new Date(task.createdAt.getTime() + HOUR) : null,
        dedupeKey: `task-assigned:${task.id}:1`,
        createdAt: task.createdAt,
        updatedAt: task.createdAt,
      };
    });
}
