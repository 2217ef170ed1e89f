import type { FastifyInstance } from "fastify";
import type { Database } from "../platform/db/client.ts";
import { apiKeyRoutes } from "./auth/api-keys.routes.ts";
import { authRoutes } from "./auth/routes.ts";
import type { SessionOptions } from "./auth/service.ts";
import { contactRoutes } from "./contacts/routes.ts";
import { customFieldRoutes } from "./custom-fields/routes.ts";
import { customerRoutes } from "./customers/routes.ts";
import { departmentRoutes } from "./departments/routes.ts";
import { duplicateRoutes } from "./duplicates/routes.ts";
import { exportRoutes } from "./exports/routes.ts";
import { followUpRoutes } from "./follow-ups/routes.ts";
import { importRoutes } from "./imports/routes.ts";
import { notificationRoutes } from "./notifications/routes.ts";
import { optionListRoutes } from "./option-lists/routes.ts";
import { setupRoutes } from "./organizations/routes.ts";
import { poolRoutes } from "./pool/routes.ts";
import { roleRoutes } from "./roles/routes.ts";
import { savedViewRoutes } from "./saved-views/routes.ts";
import { searchRoutes } from "./search/routes.ts";
import { sharingRoutes } from "./sharing/routes.ts";
import { taskRoutes } from "./tasks/routes.ts";
import { userRoutes } from "./users/routes.ts";

/** Every module's routes. A new module adds one line here (and its table to platform/db/schema.ts). */
export function registerModules(app: FastifyInstance, db: Database, session: SessionOptions): void {
  setupRoutes(app, db, session);
  authRoutes(app, db, session);
  apiKeyRoutes(app, db);
  userRoutes(app, db);
  departmentRoutes(app, db);
  roleRoutes(app, db);
  customerRoutes(app, db);
  duplicateRoutes(app, db);
  contactRoutes(app, db);
  customFieldRoutes(app, db);
  followUpRoutes(app, db);
  taskRoutes(app, db);
  notificationRoutes(app, db);
  poolRoutes(app, db);
  sharingRoutes(app, db);
  optionListRoutes(app, db);
  savedViewRoutes(app, db);
  searchRoutes(app, db);
  importRoutes(app, db);
  exportRoutes(app, db);
}
