import { App } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { addLeaveGuard, confirmDiscard, type LeaveGuard, syncUnloadPrompt } from "./leaveGuard";

export interface DiscardGuardOptions {
  /**
   * The form is open in a drawer that fills the screen (a phone's): Back closes the drawer, asking
   * first if something was typed, rather than leaving the page under it.
   */
  backCloses?: boolean;
  /**
   * The form was opened by a history entry of its own (?task=<id>): leaving that entry closes it, so
   * discarding on the way out only forgets the input (calling onClose would add another entry).
   */
  openedByUrl?: boolean;
  /**
   * Whether something is unsaved, for a dialog that knows it from its own state (a merge's picks)
   * rather than from edits reported through `markDirty`.
   */
  dirty?: boolean;
}

/** What a form inside a guarded drawer or dialog is given: Cancel asks first if something was typed. */
export interface GuardedFormProps {
  onCancel: () => void;
  /** Called on every edit the user makes (its onValuesChange): the drawer asks before discarding them. */
  onEdit: () => void;
  /** Saved: closes without asking. */
  onDone: () => void;
}

/**
 * Throwing away a form's unsaved input asks first: on a phone the drawer covers the screen, and one
 * stray tap on × or Cancel would throw a long form away; and so does every way off the page (a link,
 * the sidebar, Ctrl+K, Back, closing the tab: see leaveGuard.ts). The form reports input through
 * `markDirty` (its onValuesChange, which only user edits fire) and `markClean` once saved, or through
 * the `dirty` option; `done` closes without asking.
 */
export function useDiscardGuard(onClose: () => void, options: DiscardGuardOptions = {}) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const dirty = useRef(false);
  const setDirty = (value: boolean) => markUnsaved(dirty, value);
  const done = () => {
    setDirty(false);
    onClose();
  };
  // The guard lives as long as the component; what it calls is this render's.
  const latest = useRef({ done, options, t, modal });
  latest.current = { done, options, t, modal };
  const guard = useRef<LeaveGuard>({
    isDirty: () => dirty.current,
    closesOnBack: () => Boolean(latest.current.options.backCloses),
    ask: (onDiscard, onKeep) => {
      const { t, modal } = latest.current;
      modal.confirm({
        title: t("common.discardChanges"),
        okText: t("common.discard"),
        okButtonProps: { danger: true, ...{ "data-testid": "discard-confirm" } },
        cancelText: t("common.keepEditing"),
        onOk: () => onDiscard(),
        onCancel: () => onKeep(),
      });
    },
    discard: () => {
      if (latest.current.options.openedByUrl) setDirty(false);
      else latest.current.done();
    },
  }).current;
  useEffect(() => addLeaveGuard(guard), [guard]);
  const { dirty: unsaved } = options;
  useEffect(() => {
    if (unsaved !== undefined) markUnsaved(dirty, unsaved);
  }, [unsaved]);

  return {
    close: () => (dirty.current ? confirmDiscard(guard, done) : done()),
    done,
    markDirty: () => setDirty(true),
    markClean: () => setDirty(false),
  };
}

function markUnsaved(dirty: { current: boolean }, value: boolean) {
  dirty.current = value;
  syncUnloadPrompt();
}
