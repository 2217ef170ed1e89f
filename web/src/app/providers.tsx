import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider, Grid, type ThemeConfig } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { type ReactNode, useMemo, useState, useSyncExternalStore } from "react";
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

const brand = { colorPrimary: "#1f6feb" };
// The date-time picker's two panels take 401 px, more than a phone's width: narrower cells there.
const phoneComponents: ThemeConfig["components"] = { DatePicker: { cellWidth: 30, timeColumnWidth: 46 } };

const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
/**
 * Whether the user asked their system for less motion: dialogs, drawers and menus then open and
 * close at once, and a clicked button sends no ripple.
 */
function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    (changed) => {
      reducedMotion.addEventListener("change", changed);
      return () => reducedMotion.removeEventListener("change", changed);
    },
    () => reducedMotion.matches,
  );
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const { i18n } = useTranslation();
  const antdLocale = i18n.resolvedLanguage === "zh-CN" ? zhCN : enUS;
  const phone = Grid.useBreakpoint().sm === false;
  const motion = !usePrefersReducedMotion();
  const theme = useMemo<ThemeConfig>(
    () => ({ token: { ...brand, motion }, components: phone ? phoneComponents : undefined }),
    [motion, phone],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={antdLocale} theme={theme} wave={{ disabled: !motion }}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
