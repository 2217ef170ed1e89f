import { Button, Result } from "antd";
import { Component, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

// Errors Vite reports while preloading a page's files (its CSS, the modules it imports).
const preloadFailures = new WeakSet<object>();
if (typeof window !== "undefined") {
  window.addEventListener("vite:preloadError", (event) => {
    const payload = (event as Event & { payload?: unknown }).payload;
    if (typeof payload === "object" && payload !== null) preloadFailures.add(payload);
  });
}

// How browsers word a rejected import(): Chrome, Firefox, Safari; and Vite's own CSS preload.
const chunkFailureMessages = [
  /dynamically imported module/i,
  /importing a module script failed/i,
  /failed to load module script/i,
  /unable to preload css/i,
];

/** A page's code that could not be loaded: after a new version was installed, its old files are gone. */
export function isChunkLoadError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  if (preloadFailures.has(error)) return true;
  const message = (error as { message?: unknown }).message;
  return typeof message === "string" && chunkFailureMessages.some((pattern) => pattern.test(message));
}

function NewVersionNotice() {
  const { t } = useTranslation();
  return (
    <Result
      status="info"
      title={t("errors.newVersion")}
      data-testid="new-version"
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t("common.reload")}
        </Button>
      }
    />
  );
}

/**
 * Around a page loaded on demand: when its code cannot be fetched (the server now has a newer build),
 * says so and offers a reload, where React would otherwise leave a blank page. Other errors go on up.
 */
export class NewVersionBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: undefined as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    if (this.state.error === undefined) return this.props.children;
    if (isChunkLoadError(this.state.error)) return <NewVersionNotice />;
    throw this.state.error;
  }
}
