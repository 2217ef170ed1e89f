import { eq } from "drizzle-orm";
import { columnReference, registerReference } from "../../platform/references.ts";
import { tasks } from "./table.ts";

// Merging duplicates moves the tasks about a merged record to the survivor, whatever its type;
// deleting the record for good keeps its tasks, about nothing.
for (const target of ["customer", "contact"]) {
  registerReference(
    columnReference({
      target,
      name: "tasks",
      entityType: "task",
      table: tasks,
      column: tasks.relatedId,
      where: eq(tasks.relatedType, target),
      unlinkOnPurge: { clearWith: [tasks.relatedType] },
    }),
  );
}
