import type { Customer, CustomerCreateInput, CustomerUpdateInput } from "./api";
import type { Kind } from "./enums";

/** What the customer form holds: empty inputs are undefined or "", never null. */
export interface CustomerFormValues {
  name: string;
  kind: Kind;
  // Keys of the organization's option lists.
  industry?: string;
  size?: string;
  level?: string;
  source?: string;
  lifecycleStage?: string;
  tags: string[];
  phone?: string;
  email?: string;
  website?: string;
  address?: {
    country?: string;
    region?: string;
    city?: string;
    street?: string;
    postalCode?: string;
  };
  ownerId?: string;
  notes?: string;
  /** Custom field values in their stored form (components/custom-fields). */
  custom?: Record<string, unknown>;
}

export const emptyCustomerForm: CustomerFormValues = {
  name: "",
  kind: "company",
  tags: [],
};

function text(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function addressOf(values: CustomerFormValues) {
  const source = values.address ?? {};
  const address: NonNullable<CustomerFormValues["address"]> = {};
  for (const key of ["country", "region", "city", "street", "postalCode"] as const) {
    const value = text(source[key]);
    if (value) address[key] = value;
  }
  return Object.keys(address).length > 0 ? address : null;
}

export function toFormValues(customer: Customer): CustomerFormValues {
  return {
    name: customer.name,
    kind: customer.kind,
    industry: customer.industry ?? undefined,
    size: customer.size ?? undefined,
    level: customer.level ?? undefined,
    source: customer.source ?? undefined,
    lifecycleStage: customer.lifecycleStage,
    tags: customer.tags,
    phone: customer.phone ?? undefined,
    email: customer.email ?? undefined,
    website: customer.website ?? undefined,
    address: customer.address ?? {},
    ownerId: customer.ownerId ?? undefined,
    notes: customer.notes ?? undefined,
    custom: customer.custom,
  };
}

/** Every field, with cleared ones as null so that an edit can empty a field. */
function toBody(values: CustomerFormValues) {
  return {
    name: values.name.trim(),
    kind: values.kind,
    industry: values.industry ?? null,
    size: values.size ?? null,
    level: values.level ?? null,
    source: values.source ?? null,
    lifecycleStage: values.lifecycleStage,
    tags: values.tags.map((tag) => tag.trim()).filter(Boolean),
    phone: text(values.phone),
    email: text(values.email),
    website: text(values.website),
    address: addressOf(values),
    ownerId: values.ownerId ?? null,
    notes: text(values.notes),
  };
}

/** A create leaves out what the user left empty, so server defaults apply (e.g. owner = me). */
export function toCreateInput(values: CustomerFormValues): CustomerCreateInput {
  const body = toBody(values);
  return {
    name: body.name,
    kind: body.kind,
    lifecycleStage: body.lifecycleStage,
    tags: body.tags,
    ...(body.industry && { industry: body.industry }),
    ...(body.size && { size: body.size }),
    ...(body.level && { level: body.level }),
    ...(body.source && { source: body.source }),
    ...(body.phone && { phone: body.phone }),
    ...(body.email && { email: body.email }),
    ...(body.website && { website: body.website }),
    ...(body.address && { address: body.address }),
    ...(body.ownerId && { ownerId: body.ownerId }),
    ...(body.notes && { notes: body.notes }),
  };
}

export function toUpdateInput(values: CustomerFormValues, version: number): CustomerUpdateInput {
  return { ...toBody(values), version };
}
