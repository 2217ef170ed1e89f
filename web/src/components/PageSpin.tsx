import { Flex, Spin } from "antd";
import { useTranslation } from "react-i18next";

/** Centered spinner for a page (or the whole screen) that is still loading. */
export function PageSpin({ fullScreen = false }: { fullScreen?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" style={{ minHeight: fullScreen ? "100vh" : 240 }}>
      <Spin size="large" description={t("common.loading")} />
    </Flex>
  );
}
