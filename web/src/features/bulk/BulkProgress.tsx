import { Progress as Bar, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Progress } from "../../lib/api/progress";

/**
 * How far a running bulk action got, as the server reports it. Before its first report (the
 * selection is read, the first record changed) it shows an empty bar: the work has started.
 */
export function BulkProgress({ progress }: { progress: Progress | null }) {
  const { t } = useTranslation();
  const percent = progress && progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;
  return (
    <div data-testid="bulk-progress" role="status">
      <Bar percent={percent} status="active" />
      <Typography.Text type="secondary" data-testid="bulk-progress-count">
        {progress ? t("bulk.progress", { done: progress.done, total: progress.total }) : t("bulk.working")}
      </Typography.Text>
    </div>
  );
}
