import { useTranslation } from "react-i18next";
import { RecordPicker, type RecordPickerProps } from "../../components/records/RecordPicker";
import { useContactList } from "./api";

function useContactOptions(q: string) {
  const found = useContactList({ q: q || undefined, limit: 20, sort: "name" });
  // The company tells apart two people of the same name.
  const options = (found.data?.data ?? []).map((c) => ({
    value: c.id,
    label: c.customerName ? `${c.name} · ${c.customerName}` : c.name,
  }));
  return { options, isFetching: found.isFetching };
}

/** Picks a contact, searching the server as the user types (only contacts they can see). */
export function ContactPicker(props: RecordPickerProps) {
  const { t } = useTranslation();
  return <RecordPicker useSearch={useContactOptions} placeholder={t("contacts.searchToPick")} {...props} />;
}
