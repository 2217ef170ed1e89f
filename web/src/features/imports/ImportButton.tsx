import { HistoryOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, Space, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useCan } from "../auth/session";
import type { ImportObjectType } from "./api";

const moduleOf = { customer: "customers", contact: "contacts" } as const;

/** Import from a CSV or Excel file, and the import history, from a list page. */
export function ImportButton({ objectType }: { objectType: ImportObjectType }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const module = moduleOf[objectType];
  if (!can(module, "import") || !can(module, "create")) return null;
  return (
    <Space.Compact>
      <Button
        icon={<UploadOutlined />}
        onClick={() => navigate(`/imports/new?type=${objectType}`)}
        data-testid={`${objectType}-import-wizard`}
      >
        {t("imports.button")}
      </Button>
      <Tooltip title={t("imports.history")}>
        <Button
          icon={<HistoryOutlined />}
          aria-label={t("imports.history")}
          onClick={() => navigate(`/imports?type=${objectType}`)}
          data-testid={`${objectType}-import-history`}
        />
      </Tooltip>
    </Space.Compact>
  );
}
