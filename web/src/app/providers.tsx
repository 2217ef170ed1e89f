import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider, Grid, type ThemeConfig } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { sessionLost } from "../features/auth/api";
import { setUnauthorizedHandler } from "../lib/api/client";
import { isApiError } from "../lib/api/errors";

function createQueryClient() {
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will answer the same on retry; only network and 5xx errors are worth repeating.
        retry: (failureCount, error) => !(isApiError(error) && error.status < 500) && failureCount < 2,
      },
    },
  });
  // An expired session anywhere: RequireSession asks to sign in again over the page.
  setUnauthorizedHandler(() => sessionLost(queryClient));
  return queryClient;
}

const theme: ThemeConfig = { token: { colorPrimary: "#1f6feb" } };
// The date-time picker's two panels take 401 px, more than a phone's width: narrower cells there.
const phoneTheme: ThemeConfig = { ...theme, components: { DatePicker: { cellWidth: 30, timeColumnWidth: 46 } } };

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const { i18n } = useTranslation();
  const antdLocale = i18n.resolvedLanguage === "zh-CN" ? zhCN : enUS;
  const phone = Grid.useBreakpoint().sm === false;
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={antdLocale} theme={phone ? phoneTheme : theme}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
