import { newId } from "../../platform/db/columns.ts";
import type { customers } from "../customers/table.ts";
import {
  customerLevel,
  customerLifecycleStage,
  customerSize,
  customerSource,
  type OptionListDefinition,
} from "../option-lists/lists.ts";
import {
  chineseBrands,
  chineseGivenNames,
  chineseNotes,
  chineseSurnames,
  chineseTrades,
  demoTags,
  englishFirstNames,
  englishLastNames,
  englishNotes,
  foreignBrands,
  foreignTrades,
} from "./names.ts";
import { chinesePlaces, foreignPlaces, type Place, placeIn } from "./places.ts";
import type { SeededRandom } from "./random.ts";

// Keys of the default option lists, which a new organization (the demo's) starts with.
const keys = (list: OptionListDefinition) => list.defaults.map((value) => value.key);
const sizes = keys(customerSize);
const levels = keys(customerLevel);
const sources = keys(customerSource);
const lifecycleStages = keys(customerLifecycleStage);

export type NewCustomer = typeof customers.$inferInsert & {
  id: string;
  name: string;
  ownerId: string;
  departmentId: string;
  createdAt: Date;
};
export type DemoOwner = { id: string; departmentId: string; overseas: boolean; weight: number };

const DAY = 86_400_000;
type Identity = Pick<NewCustomer, "name" | "kind" | "industry" | "size" | "email" | "website">;
/**
 * A generated identity and what makes it itself: one company per brand and trade (in any city: its
 * name, mail and web domain then differ from every other's), one private person per name.
 */
type Drawn = { who: Identity; key: string };
type Pinned = { brand?: string; trade?: string; suffix?: string };

function chineseCompany(r: SeededRandom, place: Place, pinned: Pinned = {}): Drawn {
  const [brand, brandPinyin] = chineseBrands.find(([name]) => name === pinned.brand) ?? r.pick(chineseBrands);
  const [trade, tradeSlug, industry] = chineseTrades.find(([name]) => name === pinned.trade) ?? r.pick(chineseTrades);
  const slug = `${brandPinyin}-${tradeSlug}`;
  const who: Identity = {
    name: `${place.city}${brand}${trade}${pinned.suffix ?? r.pick(place.suffixes)}`,
    kind: "company",
    industry,
    size: r.weighted([...sizes.map((s, i) => [s, [3, 5, 4, 2, 1][i] ?? 1] as const)]),
    // .example is reserved (RFC 2606): a demo can never mail or link a real company.
    email: `${r.pick(["info", "sales", "contact", "bd", "purchase"])}@${slug}.example`,
    website: `www.${slug}.example`,
  };
  return { who, key: `${brand}${trade}` };
}

function foreignCompany(r: SeededRandom, place: Place, pinned: Pinned = {}): Drawn {
  const brand = foreignBrands.find((name) => name === pinned.brand) ?? r.pick(foreignBrands);
  const [trade, industry] = foreignTrades.find(([name]) => name === pinned.trade) ?? r.pick(foreignTrades);
  const slug = `${brand}-${trade}`.toLowerCase().replaceAll(" ", "");
  const who: Identity = {
    name: `${brand} ${trade} ${pinned.suffix ?? r.pick(place.suffixes)}`,
    kind: "company",
    industry,
    size: r.pick(sizes),
    email: `${r.pick(["hello", "sales", "contact", "procurement"])}@${slug}.example`,
    website: `${slug}.example`,
  };
  return { who, key: `${brand} ${trade}` };
}

// People write from free mail, which the duplicate rules know is no company's domain: a made-up
// shared domain would make every private person one "company" in the duplicate finder.
export const chineseFreeMail = ["qq.com", "163.com", "126.com"];
export const foreignFreeMail = ["gmail.com", "outlook.com"];

function person(r: SeededRandom, place: Place): Drawn {
  const name = personName(r, place.chinese);
  const who: Identity = {
    name: name.name,
    kind: "person",
    industry: null,
    size: null,
    email: `${name.mailbox}@${r.pick(place.chinese ? chineseFreeMail : foreignFreeMail)}`,
    website: null,
  };
  return { who, key: name.name };
}

/** A person's name in the way of the place, and the mailbox it makes: xiaoming.chen, sarah.muller. */
export function personName(r: SeededRandom, chinese: boolean): { name: string; mailbox: string; chinese: boolean } {
  if (chinese) {
    const [surname, surnamePinyin] = r.pick(chineseSurnames);
    const [given, givenPinyin] = r.pick(chineseGivenNames);
    return { name: `${surname}${given}`, mailbox: `${givenPinyin}.${surnamePinyin}`, chinese };
  }
  const first = r.pick(englishFirstNames);
  const last = r.pick(englishLastNames);
  const mailbox = `${first}.${last}`
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z.]/g, "");
  return { name: `${first} ${last}`, mailbox, chinese };
}

function identity(r: SeededRandom, place: Place): Drawn {
  if (r.chance(0.15)) return person(r, place);
  return place.chinese ? chineseCompany(r, place) : foreignCompany(r, place);
}

/** A phone as the duplicate rules compare it (rapport_dup_phone): its digits, without China's +86. */
export const phoneKey = (phone: string) => phone.replace(/^\s*(\+|00)\s*86/, "").replace(/[^0-9]/g, "");

/** A number of the place that no earlier call gave (taken holds their phoneKey). */
export function uniquePhone(r: SeededRandom, make: (r: SeededRandom) => string, taken: Set<string>): string {
  for (;;) {
    const phone = make(r);
    if (taken.has(phoneKey(phone))) continue;
    taken.add(phoneKey(phone));
    return phone;
  }
}

function chooseOwner(r: SeededRandom, owners: DemoOwner[], overseasCustomer: boolean, not?: string): DemoOwner {
  // Foreign customers mostly go to the team that works with them, as in a real sales organization.
  const others = owners.filter((o) => o.id !== not);
  const team = others.filter((o) => o.overseas === overseasCustomer && r.chance(0.8));
  const pool = team.length > 0 ? team : others;
  return r.weighted(pool.map((o) => [o, o.weight] as const));
}

/**
 * Near-duplicates on purpose, for the duplicate finder to show: a customer entered a second time by
 * another rep, with its name written another way and one thing of the first (its phone or website).
 * Every other demo customer differs from all others in each key the finder matches on: the
 * normalized name, the phone, the email and the company domain.
 */
const showcases: { city: string; pinned: Required<Pinned>; twinName: string; shares: "phone" | "website" }[] = [
  // The same name once the legal suffix is gone, and the same phone: two groups.
  {
    city: "上海",
    pinned: { brand: "星辰", trade: "科技", suffix: "有限公司" },
    twinName: "上海星辰科技",
    shares: "phone",
  },
  // Names that differ, one website: a group by company domain.
  {
    city: "深圳",
    pinned: { brand: "云帆", trade: "新能源", suffix: "有限公司" },
    twinName: "云帆新能源（深圳）",
    shares: "website",
  },
  // "Inc." makes no difference to the name, and the website is the same: two groups.
  {
    city: "San Francisco",
    pinned: { brand: "Northwind", trade: "Analytics", suffix: "Inc." },
    twinName: "Northwind Analytics",
    shares: "website",
  },
];

export type DemoCustomers = {
  rows: NewCustomer[];
  /** The deliberate second records, by id, with the id of the customer each repeats. */
  twinOf: Map<string, string>;
};

/**
 * count realistic customers, about two thirds in China, spread over the owners: first the
 * showcase pairs of near-duplicates, then customers distinct in every duplicate key.
 */
export function generateCustomers(
  r: SeededRandom,
  organizationId: string,
  owners: DemoOwner[],
  count: number,
  now: number,
): DemoCustomers {
  const keys = new Set<string>();
  const phones = new Set<string>();
  const rows: NewCustomer[] = [];
  const twinOf = new Map<string, string>();

  function customer(place: Place, who: Identity, owner: DemoOwner, createdAt: Date): NewCustomer {
    const updatedAt = new Date(Math.min(now, createdAt.getTime() + r.int(0, 120) * DAY));
    return {
      id: newId(),
      organizationId,
      ...who,
      level: r.weighted([...levels.map((l, i) => [l, [1, 3, 4, 2][i] ?? 1] as const)]),
      source: r.pick(sources),
      lifecycleStage: r.weighted([...lifecycleStages.map((s, i) => [s, [25, 30, 35, 10][i] ?? 1] as const)]),
      tags: r.some(
        demoTags.map((tag) => tag.key),
        r.weighted([
          [0, 3],
          [1, 4],
          [2, 2],
          [3, 1],
        ]),
      ),
      phone: uniquePhone(r, place.phone, phones),
      address: place.address(r),
      ownerId: owner.id,
      departmentId: owner.departmentId,
      notes: r.chance(0.7) ? r.pick(place.chinese ? chineseNotes : englishNotes) : null,
      createdBy: owner.id,
      createdAt,
      updatedAt,
    };
  }
  const createdAgo = () => new Date(now - r.int(1, 540) * DAY - r.int(0, DAY - 1));

  const twins: NewCustomer[] = [];
  for (const showcase of showcases) {
    const place = placeIn(showcase.city);
    const drawn = (place.chinese ? chineseCompany : foreignCompany)(r, place, showcase.pinned);
    keys.add(drawn.key);
    const owner = chooseOwner(r, owners, !place.chinese);
    const original = customer(place, drawn.who, owner, new Date(now - r.int(200, 500) * DAY));
    rows.push(original);
    // Entered again months later by a colleague who did not search first.
    const twin = customer(
      place,
      { ...drawn.who, name: showcase.twinName, email: null, website: null },
      chooseOwner(r, owners, !place.chinese, owner.id),
      new Date(original.createdAt.getTime() + r.int(30, 150) * DAY),
    );
    if (showcase.shares === "phone") {
      phones.delete(phoneKey(twin.phone ?? ""));
      twin.phone = original.phone;
    } else twin.website = original.website;
    twins.push(twin);
    twinOf.set(twin.id, original.id);
  }
  rows.push(...twins);

  while (rows.length < count) {
    const place = r.chance(0.68) ? r.pick(chinesePlaces) : r.pick(foreignPlaces);
    const { who, key } = identity(r, place);
    if (keys.has(key)) continue;
    keys.add(key);
    rows.push(customer(place, who, chooseOwner(r, owners, !place.chinese), createdAgo()));
  }
  return { rows, twinOf };
}
