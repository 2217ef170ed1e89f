import { useTranslation } from "react-i18next";
import { RecordPicker, type RecordPickerProps } from "../../components/records/RecordPicker";
import { useCustomerSearch } from "./api";

function useCustomerOptions(q: string) {
  const found = useCustomerSearch(q);
  return {
    options: (found.data?.data ?? []).map((c) => ({ value: c.id, label: c.name })),
    isFetching: found.isFetching,
  };
}

/** Picks a customer, searching the server as the user types (only customers they can see). */
export function CustomerPicker(props: RecordPickerProps) {
  const { t } = useTranslation();
  return <RecordPicker useSearch={useCustomerOptions} placeholder={t("contacts.customerSearch")} {...props} />;
}
