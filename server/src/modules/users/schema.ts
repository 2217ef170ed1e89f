import { z } from "zod";
import { recordFields } from "../../platform/http.ts";
import { requiredLineText } from "../../platform/text.ts";

export const locales = ["zh-CN", "en"] as const;
export const passwordSchema = z.string().min(8, "must be at least 8 characters").max(200);

export const userSchema = z
  .object({
    ...recordFields,
    name: z.string(),
    email: z.string(),
    locale: z.enum(locales),
    departmentId: z.uuid().nullable(),
    managerId: z.uuid().nullable(),
    roleIds: z.array(z.uuid()),
    isAdmin: z.boolean(),
    active: z.boolean(),
  })
  .meta({ id: "User" });

export const userCreateSchema = z
  .strictObject({
    name: requiredLineText(100),
    email: z.email().max(254),
    password: passwordSchema,
    locale: z.enum(locales).default("zh-CN"),
    departmentId: z.uuid().nullable().default(null),
    managerId: z.uuid().nullable().default(null),
    roleIds: z.array(z.uuid()).max(50).default([]),
    isAdmin: z.boolean().default(false),
  })
  .meta({ id: "UserCreate" });

export const userUpdateSchema = z
  .strictObject({
    version: z.number().int().min(1),
    name: requiredLineText(100).optional(),
    locale: z.enum(locales).optional(),
    departmentId: z.uuid().nullable().optional(),
    managerId: z.uuid().nullable().optional(),
    roleIds: z.array(z.uuid()).max(50).optional(),
    isAdmin: z.boolean().optional(),
    active: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .meta({ id: "UserUpdate" });

export type User = z.output<typeof userSchema>;
export type UserCreate = z.output<typeof userCreateSchema>;
export type UserUpdate = z.output<typeof userUpdateSchema>;
