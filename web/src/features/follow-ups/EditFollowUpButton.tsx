import { EditOutlined } from "@ant-design/icons";
import { Alert, Button, Drawer, Grid, Spin } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryError } from "../../components/QueryError";
import { useDiscardGuard } from "../../components/useDiscardGuard";
import { useCan } from "../auth/session";
import { useFollowUp } from "./api";
import { LogFollowUpForm } from "./LogFollowUpForm";

/**
 * "Edit" on a follow-up (the list, the customer's timeline, the contact's card): the log form in a
 * drawer, filled with the follow-up as saved. Shown to those whose role may edit follow-ups; one they
 * may only read (outside their scope, seen through its customer) opens as a notice instead of a form.
 */
export function EditFollowUpButton({ followUpId }: { followUpId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const screens = Grid.useBreakpoint();
  const [open, setOpen] = useState(false);
  // On a phone the drawer is the whole screen: Back closes it rather than leaving the page under it.
  const guard = useDiscardGuard(() => setOpen(false), { backCloses: open && !screens.md });
  if (!can("followUps", "edit")) return null;
  return (
    <>
      <Button
        size="small"
        icon={<EditOutlined />}
        aria-label={t("followUps.edit")}
        title={t("followUps.edit")}
        onClick={() => setOpen(true)}
        data-testid="follow-up-edit"
      />
      <Drawer
        open={open}
        onClose={guard.close}
        size={screens.md ? 560 : "100%"}
        title={t("followUps.edit")}
        destroyOnHidden
      >
        {open && (
          <EditFollowUpForm
            followUpId={followUpId}
            onDone={guard.done}
            onCancel={guard.close}
            onEdit={guard.markDirty}
          />
        )}
      </Drawer>
    </>
  );
}

function EditFollowUpForm({
  followUpId,
  onDone,
  onCancel,
  onEdit,
}: {
  followUpId: string;
  onDone: () => void;
  onCancel: () => void;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const followUp = useFollowUp(followUpId);
  if (followUp.isError) return <QueryError error={followUp.error} onRetry={() => followUp.refetch()} />;
  // Read again on every opening: the form starts from what is saved now (and its version), not
  // from a list or timeline read minutes ago; the timeline does not carry the version at all.
  if (!followUp.isFetchedAfterMount || !followUp.data) return <Spin aria-label={t("common.loading")} />;
  const saved = followUp.data;
  // Seen through the customer (its owner or a read-only team member) but not theirs to change.
  if (saved.access === "read")
    return <Alert type="info" showIcon title={t("followUps.readOnly")} data-testid="follow-up-read-only" />;
  return (
    <LogFollowUpForm
      followUp={saved}
      customerId={saved.customerId}
      customerName={saved.customerName}
      contacts={saved.contacts}
      onDone={onDone}
      onCancel={onCancel}
      onEdit={onEdit}
    />
  );
}
