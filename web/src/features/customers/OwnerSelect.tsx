import { Select, type SelectProps } from "antd";
import { useTranslation } from "react-i18next";
import { useUsers } from "../admin/api";

interface OwnerSelectProps extends Omit<SelectProps<string>, "options"> {
  /** Shown when the user list cannot be read (it needs admin rights) or lacks the owner. */
  current?: { id: string; name: string } | null;
}

/** Picks a user as owner. Works for non-admins too: they just get fewer choices. */
export function OwnerSelect({ current, ...props }: OwnerSelectProps) {
  const { t } = useTranslation();
  const users = useUsers();
  const options = (users.data ?? [])
    .filter((user) => user.active || user.id === current?.id)
    .map((user) => ({ value: user.id, label: user.name }));
  if (current && !options.some((option) => option.value === current.id)) {
    options.unshift({ value: current.id, label: current.name });
  }
  return (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: "label" }}
      placeholder={t("customers.anyOwner")}
      loading={users.isLoading}
      options={options}
      {...props}
    />
  );
}
