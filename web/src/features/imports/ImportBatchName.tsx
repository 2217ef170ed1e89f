import type { ReactNode } from "react";
import { useImportBatch } from "./api";

/** An import batch as people know it: by its file's name (by its id for one who may not see imports). */
export function ImportBatchName({ id }: { id: string }) {
  const batch = useImportBatch(id);
  return <>{batch.data?.fileName ?? id}</>;
}

/** A history's value labels, with the import batch a record came from shown by its file's name. */
export function withImportBatchNames(valueLabel: (field: string, value: unknown) => ReactNode) {
  return (field: string, value: unknown): ReactNode =>
    field === "importBatch" && typeof value === "string" ? <ImportBatchName id={value} /> : valueLabel(field, value);
}
