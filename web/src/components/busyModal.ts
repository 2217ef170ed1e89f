import type { ModalProps } from "antd";

/**
 * A dialog whose action is running cannot be closed (close button, mask, Escape or Cancel): the
 * action would finish unseen, and its progress and outcome would have nowhere to show.
 */
export const closableUnless = (busy: boolean | undefined): Partial<ModalProps> => ({
  closable: !busy,
  mask: { closable: !busy },
  keyboard: !busy,
  cancelButtonProps: { disabled: busy },
});
