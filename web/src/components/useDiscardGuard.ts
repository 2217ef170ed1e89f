import { App } from "antd";
import { useRef } from "react";
import { useTranslation } from "react-i18next";

/**
 * Closing a form that holds unsaved input asks first: on a phone the drawer covers the screen, and
 * one stray tap on × or Cancel would throw a long form away. The form reports input through
 * `markDirty` (its onValuesChange, which only user edits fire) and `markClean` once saved; `done`
 * closes without asking.
 */
export function useDiscardGuard(onClose: () => void) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const dirty = useRef(false);
  const done = () => {
    dirty.current = false;
    onClose();
  };
  const close = () => {
    if (!dirty.current) return done();
    modal.confirm({
      title: t("common.discardChanges"),
      okText: t("common.discard"),
      okButtonProps: { danger: true, ...{ "data-testid": "discard-confirm" } },
      cancelText: t("common.keepEditing"),
      onOk: done,
    });
  };
  return {
    close,
    done,
    markDirty: () => {
      dirty.current = true;
    },
    markClean: () => {
      dirty.current = false;
    },
  };
}
