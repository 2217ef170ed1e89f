import { z } from "zod";
import { modulePermissionSchema } from "../../platform/permissions.ts";
import { locales, userSchema } from "../users/schema.ts";

export const sessionSchema = z
  .object({
    user: userSchema,
    organization: z.object({
      id: z.uuid(),
      name: z.string(),
      locale: z.enum(locales),
      baseCurrency: z.string(),
      timeZone: z.string(),
    }),
    permissions: z.record(z.string(), modulePermissionSchema),
    csrfToken: z.string().describe("Send as X-CSRF-Token on every POST, PATCH, PUT and DELETE made with the cookie"),
  })
  .meta({ id: "Session" });

export const loginSchema = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});
