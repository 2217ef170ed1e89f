import { MergeCellsOutlined } from "@ant-design/icons";
import { App, Button } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useShowError } from "../../components/useShowError";
import { checkDuplicates, type DuplicateObjectType } from "./api";
import { MergeModal } from "./MergeModal";

/**
 * On a record's page: looks for its likely duplicates (the ones the user may see) and offers to
 * merge them into it.
 */
export function FindDuplicatesButton({
  objectType,
  record,
}: {
  objectType: DuplicateObjectType;
  record: { id: string } & Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const [ids, setIds] = useState<string[] | null>(null);
  const [checking, setChecking] = useState(false);

  const find = async () => {
    setChecking(true);
    try {
      const matches = await checkDuplicates(objectType, record, record.id);
      const visible = matches.flatMap((m) => (m.visible && m.id ? [m.id] : []));
      if (visible.length === 0) message.info(t("duplicates.noneFound"));
      else setIds([record.id, ...visible]);
    } catch (error) {
      showError(error);
    } finally {
      setChecking(false);
    }
  };

  return (
    <>
      <Button icon={<MergeCellsOutlined />} loading={checking} onClick={find} data-testid="find-duplicates">
        {t("duplicates.find")}
      </Button>
      {ids && (
        <MergeModal
          open
          objectType={objectType}
          ids={ids}
          onClose={() => setIds(null)}
          // The record of this page may have been merged into another: show the one that stays.
          onMerged={(survivorId) => navigate(`/${objectType}s/${survivorId}`)}
        />
      )}
    </>
  );
}
