import { CheckSquareOutlined, MessageOutlined } from "@ant-design/icons";
import { Button, Drawer, Flex, theme } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDiscardGuard } from "../../components/useDiscardGuard";
import { useCan } from "../auth/session";
import { LogFollowUpForm } from "../follow-ups/LogFollowUpForm";
import { TaskFormDrawer } from "../tasks/TaskFormDrawer";

/**
 * On a phone, "Log follow-up" and "New task" in a bar that stays at the top of the screen: in the
 * cards further down they sit several screens below the header, and logging a call is what a rep
 * does most from a phone. Wider screens use the buttons on the timeline and tasks cards.
 */
export function CustomerQuickActions({
  customer,
}: {
  customer: { id: string; name: string; deletedAt: string | null };
}) {
  const { t } = useTranslation();
  const can = useCan();
  const { token } = theme.useToken();
  const [logging, setLogging] = useState(false);
  const [creatingTask, setCreatingTask] = useState(false);
  // The drawer fills a phone's screen: one stray tap on × would throw a typed note away, and Back
  // closes the drawer (asking first if something was typed) rather than leaving the customer.
  const logGuard = useDiscardGuard(() => setLogging(false), { backCloses: logging });
  if (customer.deletedAt !== null) return null;
  const mayLog = can("followUps", "create");
  const mayCreateTask = can("tasks", "create");
  if (!mayLog && !mayCreateTask) return null;
  return (
    <>
      <Flex
        gap={8}
        style={{
          position: "sticky",
          top: 0,
          zIndex: 10,
          background: token.colorBgLayout,
          paddingBlock: 8,
          marginBlock: -8,
        }}
        data-testid="customer-quick-actions"
      >
        {mayLog && (
          <Button type="primary" icon={<MessageOutlined />} block onClick={() => setLogging(true)}>
            {t("followUps.log")}
          </Button>
        )}
        {mayCreateTask && (
          <Button icon={<CheckSquareOutlined />} block onClick={() => setCreatingTask(true)}>
            {t("tasks.new")}
          </Button>
        )}
      </Flex>
      <Drawer open={logging} onClose={logGuard.close} size="100%" title={t("followUps.log")} destroyOnHidden>
        {logging && (
          <LogFollowUpForm
            customerId={customer.id}
            onDone={logGuard.done}
            onCancel={logGuard.close}
            onEdit={logGuard.markDirty}
          />
        )}
      </Drawer>
      <TaskFormDrawer
        open={creatingTask}
        related={{ type: "customer", id: customer.id, name: customer.name }}
        onClose={() => setCreatingTask(false)}
      />
    </>
  );
}
