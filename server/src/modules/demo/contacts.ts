import { newId } from "../../platform/db/columns.ts";
import type { ContactIm, contacts } from "../contacts/table.ts";
import {
  chineseFreeMail,
  type DemoOwner,
  foreignFreeMail,
  type NewCustomer,
  personName,
  uniquePhone,
} from "./customers.ts";
import { chinesePlaces, foreignPlaces, placeIn } from "./places.ts";
import type { SeededRandom } from "./random.ts";
import { contactRoles, loneContactNote, say } from "./texts.ts";

export type NewContact = typeof contacts.$inferInsert & {
  id: string;
  name: string;
  customerId: string | null;
  ownerId: string;
  createdAt: Date;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LONE_CONTACTS = 4;

/** A customer's web and mail domain: www.xingchen-tech.example → xingchen-tech.example. */
const domainOf = (customer: NewCustomer) =>
  customer.website?.replace(/^www\./, "") ?? customer.email?.split("@")[1] ?? null;

/**
 * The people at the live customers: 1 to 3 at a company (the first its primary contact, mailed at
 * the company's domain), the person themself for a private customer, and a few people met at a
 * trade show whose company is not known yet. Each mobile and email is used once: the contact
 * duplicate rules match on them. Only a customer's deliberate second record (twinOf) repeats its
 * first record's primary contact, as the colleague who entered it again would have.
 */
export function generateContacts(
  r: SeededRandom,
  input: {
    organizationId: string;
    customers: NewCustomer[];
    twinOf: Map<string, string>;
    owners: DemoOwner[];
    zh: boolean;
    now: number;
  },
): NewContact[] {
  const { organizationId, zh, now } = input;
  const phones = new Set<string>();
  const emails = new Set<string>();
  const rows: NewContact[] = [];
  const primaryOf = new Map<string, NewContact>();
  const after = (start: Date, minHours: number, maxHours: number) =>
    new Date(Math.min(now - HOUR, start.getTime() + r.int(minHours, maxHours) * HOUR));

  /** A name not yet at this customer whose mailbox is free at the domain. */
  function freshPerson(chinese: boolean, domain: string, taken: Set<string>) {
    for (;;) {
      const person = personName(r, chinese);
      const email = `${person.mailbox}@${domain}`;
      if (taken.has(person.name) || emails.has(email)) continue;
      taken.add(person.name);
      emails.add(email);
      return { ...person, email };
    }
  }

  function contact(customer: NewCustomer | null, fields: Partial<NewContact> & { name: string }, createdAt: Date) {
    const ownerId = customer?.ownerId ?? fields.ownerId;
    if (!ownerId) throw new Error("a demo contact needs an owner");
    const row: NewContact = {
      id: newId(),
      organizationId,
      customerId: customer?.id ?? null,
      ownerId,
      departmentId: customer?.departmentId ?? fields.departmentId,
      createdBy: ownerId,
      createdAt,
      updatedAt: createdAt,
      ...fields,
    };
    rows.push(row);
    return row;
  }

  for (const customer of input.customers) {
    const place = placeIn(customer.address?.city);
    const originalId = input.twinOf.get(customer.id);
    const original = originalId ? primaryOf.get(originalId) : undefined;
    if (original) {
      // The same person, entered again with the second record: name and mobile, no more.
      const { name, phones: samePhones, title, buyingRole } = original;
      const createdAt = after(customer.createdAt, 0, 2);
      primaryOf.set(
        customer.id,
        contact(customer, { name, phones: samePhones, title, buyingRole, isPrimary: true }, createdAt),
      );
      continue;
    }
    if (customer.kind === "person") {
      if (customer.email) emails.add(customer.email);
      const fields = {
        name: customer.name,
        phones: [{ label: "mobile" as const, number: uniquePhone(r, place.mobile, phones) }],
        emails: customer.email ? [{ label: "home" as const, address: customer.email }] : [],
        buyingRole: "decision_maker",
        isPrimary: true,
      };
      primaryOf.set(customer.id, contact(customer, fields, after(customer.createdAt, 0, 2)));
      continue;
    }
    const domain = domainOf(customer);
    const names = new Set<string>();
    const count = r.weighted([
      [1, 4],
      [2, 4],
      [3, 2],
    ] as const);
    // The first role decides; whoever else the rep met comes from the rest.
    const roles = [r.pick(contactRoles.slice(0, 2)), ...r.some(contactRoles.slice(2), count - 1)];
    roles.forEach((role, i) => {
      const person = freshPerson(
        place.chinese,
        domain ?? r.pick(place.chinese ? chineseFreeMail : foreignFreeMail),
        names,
      );
      // Titles as on their business card: Chinese at a Chinese company, for a Chinese-speaking team.
      const cardZh = zh && place.chinese;
      const im: ContactIm[] =
        place.chinese && r.chance(0.4)
          ? [{ kind: "wechat", handle: `${person.mailbox.replace(".", "_")}${r.digits(2)}` }]
          : [];
      const fields = {
        name: person.name,
        title: say(cardZh, role.title),
        department: say(cardZh, role.department),
        phones: [{ label: "mobile" as const, number: uniquePhone(r, place.mobile, phones) }],
        emails: [{ label: "work" as const, address: person.email }],
        im,
        buyingRole: role.buyingRole,
        isPrimary: i === 0,
      };
      // The primary contact came with the customer; the others were met in the weeks after.
      const createdAt = i === 0 ? after(customer.createdAt, 0, 2) : after(customer.createdAt, 24, 60 * 24);
      const row = contact(customer, fields, createdAt);
      if (i === 0) primaryOf.set(customer.id, row);
    });
  }

  for (let i = 0; i < LONE_CONTACTS; i++) {
    const owner = r.pick(input.owners);
    const place = r.pick(owner.overseas ? foreignPlaces : chinesePlaces);
    const freeMail = r.pick(place.chinese ? chineseFreeMail : foreignFreeMail);
    const person = freshPerson(place.chinese, freeMail, new Set());
    const role = r.pick(contactRoles);
    contact(
      null,
      {
        name: person.name,
        title: say(zh && place.chinese, role.title),
        phones: [{ label: "mobile", number: uniquePhone(r, place.mobile, phones) }],
        emails: [{ label: "work", address: person.email }],
        notes: say(zh, loneContactNote),
        ownerId: owner.id,
        departmentId: owner.departmentId,
      },
      new Date(now - r.int(3, 40) * DAY),
    );
  }
  return rows;
}
