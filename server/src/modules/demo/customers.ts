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
import { chinesePlaces, foreignPlaces, type Place } from "./places.ts";
import type { SeededRandom } from "./random.ts";

// Keys of the default option lists, which a new organization (the demo's) starts with.
const keys = (list: OptionListDefinition) => list.defaults.map((value) => value.key);
const sizes = keys(customerSize);
const levels = keys(customerLevel);
const sources = keys(customerSource);
const lifecycleStages = keys(customerLifecycleStage);

export type NewCustomer = typeof customers.$inferInsert & { id: string; name: string; createdAt: Date };
export type DemoOwner = { id: string; departmentId: string; overseas: boolean; weight: number };

const DAY = 86_400_000;
type Identity = Pick<NewCustomer, "name" | "kind" | "industry" | "size" | "email" | "website">;

function chineseCompany(r: SeededRandom, place: Place): Identity {
  const [brand, brandPinyin] = r.pick(chineseBrands);
  const [trade, tradeSlug, industry] = r.pick(chineseTrades);
  const slug = `${brandPinyin}-${tradeSlug}`;
  return {
    name: `${place.city}${brand}${trade}${r.pick(place.suffixes)}`,
    kind: "company",
    industry,
    size: r.weighted([...sizes.map((s, i) => [s, [3, 5, 4, 2, 1][i] ?? 1] as const)]),
    // .example is reserved (RFC 2606): a demo can never mail or link a real company.
    email: `${r.pick(["info", "sales", "contact", "bd", "purchase"])}@${slug}.example`,
    website: `www.${slug}.example`,
  };
}

function foreignCompany(r: SeededRandom, place: Place): Identity {
  const brand = r.pick(foreignBrands);
  const [trade, industry] = r.pick(foreignTrades);
  const slug = `${brand}-${trade}`.toLowerCase().replaceAll(" ", "");
  return {
    name: `${brand} ${trade} ${r.pick(place.suffixes)}`,
    kind: "company",
    industry,
    size: r.pick(sizes),
    email: `${r.pick(["hello", "sales", "contact", "procurement"])}@${slug}.example`,
    website: `${slug}.example`,
  };
}

// People write from free mail, which the duplicate rules know is no company's domain: a made-up
// shared domain would make every private person one "company" in the duplicate finder.
const chineseFreeMail = ["qq.com", "163.com", "126.com"];
const foreignFreeMail = ["gmail.com", "outlook.com"];

function person(r: SeededRandom, place: Place): Identity {
  if (place.chinese) {
    const [surname, surnamePinyin] = r.pick(chineseSurnames);
    const [given, givenPinyin] = r.pick(chineseGivenNames);
    return {
      name: `${surname}${given}`,
      kind: "person",
      industry: null,
      size: null,
      email: `${givenPinyin}.${surnamePinyin}@${r.pick(chineseFreeMail)}`,
      website: null,
    };
  }
  const first = r.pick(englishFirstNames);
  const last = r.pick(englishLastNames);
  const mailbox = `${first}.${last}`
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z.]/g, "");
  return {
    name: `${first} ${last}`,
    kind: "person",
    industry: null,
    size: null,
    email: `${mailbox}@${r.pick(foreignFreeMail)}`,
    website: null,
  };
}

function identity(r: SeededRandom, place: Place): Identity {
  if (r.chance(0.15)) return person(r, place);
  return place.chinese ? chineseCompany(r, place) : foreignCompany(r, place);
}

function chooseOwner(r: SeededRandom, owners: DemoOwner[], overseasCustomer: boolean): DemoOwner {
  // Foreign customers mostly go to the team that works with them, as in a real sales organization.
  const team = owners.filter((o) => o.overseas === overseasCustomer && r.chance(0.8));
  const pool = team.length > 0 ? team : owners;
  return r.weighted(pool.map((o) => [o, o.weight] as const));
}

/** count realistic customers, about two thirds in China, spread over the owners. */
export function generateCustomers(
  r: SeededRandom,
  organizationId: string,
  owners: DemoOwner[],
  count: number,
  now: number,
): NewCustomer[] {
  const taken = new Set<string>();
  const result: NewCustomer[] = [];
  while (result.length < count) {
    const place = r.chance(0.68) ? r.pick(chinesePlaces) : r.pick(foreignPlaces);
    const who = identity(r, place);
    if (taken.has(who.name)) continue;
    taken.add(who.name);
    const owner = chooseOwner(r, owners, !place.chinese);
    const createdAt = new Date(now - r.int(1, 540) * DAY - r.int(0, DAY - 1));
    const updatedAt = new Date(Math.min(now, createdAt.getTime() + r.int(0, 120) * DAY));
    result.push({
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
      phone: place.phone(r),
      address: place.address(r),
      ownerId: owner.id,
      departmentId: owner.departmentId,
      notes: r.chance(0.7) ? r.pick(place.chinese ? chineseNotes : englishNotes) : null,
      createdBy: owner.id,
      createdAt,
      updatedAt,
    });
  }
  return result;
}
