import dayjs, { type Dayjs } from "dayjs";
import type { Contact, ContactCreateInput, ContactUpdateInput } from "./api";
import type { BuyingRole, EmailLabel, ImKind, PhoneLabel } from "./enums";

/** What the contact form holds: empty inputs are undefined or "", never null. */
export interface ContactFormValues {
  name: string;
  customerId?: string;
  title?: string;
  department?: string;
  phones: { label: PhoneLabel; number?: string }[];
  emails: { label: EmailLabel; address?: string }[];
  im: { kind: ImKind; handle?: string }[];
  birthday?: Dayjs | null;
  buyingRole?: BuyingRole;
  isPrimary: boolean;
  ownerId?: string;
  notes?: string;
  /** Custom field values in their stored form (components/custom-fields). */
  custom?: Record<string, unknown>;
}

export function emptyContactForm(customerId?: string): ContactFormValues {
  return { name: "", customerId, phones: [{ label: "mobile" }], emails: [{ label: "work" }], im: [], isPrimary: false };
}

const text = (value: string | undefined) => value?.trim() || null;

export function toFormValues(contact: Contact): ContactFormValues {
  return {
    name: contact.name,
    customerId: contact.customerId ?? undefined,
    title: contact.title ?? undefined,
    department: contact.department ?? undefined,
    phones: contact.phones,
    emails: contact.emails,
    im: contact.im,
    birthday: contact.birthday ? dayjs(contact.birthday) : null,
    buyingRole: contact.buyingRole ?? undefined,
    isPrimary: contact.isPrimary,
    ownerId: contact.ownerId ?? undefined,
    notes: contact.notes ?? undefined,
    custom: contact.custom,
  };
}

/** Every field, cleared ones as null; rows left empty are dropped. */
function toBody(values: ContactFormValues) {
  return {
    name: values.name.trim(),
    customerId: values.customerId ?? null,
    title: text(values.title),
    department: text(values.department),
    phones: values.phones.flatMap((p) => (text(p.number) ? [{ label: p.label, number: text(p.number) ?? "" }] : [])),
    emails: values.emails.flatMap((e) => (text(e.address) ? [{ label: e.label, address: text(e.address) ?? "" }] : [])),
    im: values.im.flatMap((i) => (text(i.handle) ? [{ kind: i.kind, handle: text(i.handle) ?? "" }] : [])),
    birthday: values.birthday ? values.birthday.format("YYYY-MM-DD") : null,
    buyingRole: values.buyingRole ?? null,
    isPrimary: values.customerId ? values.isPrimary : false,
    ownerId: values.ownerId ?? null,
    notes: text(values.notes),
  };
}

/** A create leaves out what the user left empty, so server defaults apply (e.g. owner = me). */
export function toCreateInput(values: ContactFormValues): ContactCreateInput {
  const { customerId, birthday, buyingRole, ownerId, ...rest } = toBody(values);
  return {
    ...rest,
    ...(customerId && { customerId }),
    ...(birthday && { birthday }),
    ...(buyingRole && { buyingRole }),
    ...(ownerId && { ownerId }),
  };
}

export function toUpdateInput(values: ContactFormValues, version: number): ContactUpdateInput {
  return { ...toBody(values), version };
}
