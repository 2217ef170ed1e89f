import { Alert, Button, Flex, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useShowError } from "../../components/useShowError";
import { checkDuplicates, type DuplicateMatch, type DuplicateObjectType } from "./api";

const paths: Record<DuplicateObjectType, string> = { customer: "/customers", contact: "/contacts" };

/**
 * Warns before a likely duplicate is created: `gate(draft, save)` checks the draft and saves
 * straight away when nothing matches; otherwise `warning` lists the matches, each linked when the
 * user may see it, with "create anyway" to save regardless.
 */
export function useDuplicateGate(objectType: DuplicateObjectType) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [pending, setPending] = useState<{ matches: DuplicateMatch[]; name: string; save: () => void } | null>(null);
  const [checking, setChecking] = useState(false);

  const gate = async (draft: Record<string, unknown>, save: () => void) => {
    setChecking(true);
    try {
      const matches = await checkDuplicates(objectType, draft);
      if (matches.length === 0) save();
      else setPending({ matches, name: typeof draft.name === "string" ? draft.name : "", save });
    } catch (error) {
      showError(error);
    } finally {
      setChecking(false);
    }
  };

  const warning: ReactNode = pending && (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="duplicate-warning"
      style={{ marginBottom: 16 }}
      title={t("duplicates.warning.title", { count: pending.matches.length })}
      description={
        <Flex vertical gap={4}>
          {pending.matches.map((match, i) => (
            <MatchLine
              key={match.id ?? `hidden-${i}`}
              match={match}
              draftName={pending.name}
              path={paths[objectType]}
            />
          ))}
        </Flex>
      }
      action={
        <Button
          size="small"
          danger
          data-testid="duplicate-create-anyway"
          onClick={() => {
            const { save } = pending;
            setPending(null);
            save();
          }}
        >
          {t("duplicates.warning.createAnyway")}
        </Button>
      }
    />
  );

  return { gate, warning, checking, reset: () => setPending(null) };
}

const sameName = (a: string, b: string) =>
  a.trim().replace(/\s+/g, " ").toLowerCase() === b.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * What a match shares with the draft. The API says "name" for a fuzzy name rule's similar names too:
 * a name that differs from the draft's is "similar"; so is a hidden one, whose name we are not told.
 */
function MatchLine({ match, draftName, path }: { match: DuplicateMatch; draftName: string; path: string }) {
  const { t } = useTranslation();
  const similar = match.name === null || !sameName(match.name, draftName);
  const on = match.matchedOn
    .map((field) => t(`duplicates.warning.on.${field === "name" && similar ? "similarName" : field}`))
    .join(t("duplicates.listSeparator"));
  if (!match.visible || !match.id) {
    return (
      <Typography.Text>
        {t("duplicates.warning.hidden", { owner: match.ownerName ?? t("duplicates.noOwner"), on })}
      </Typography.Text>
    );
  }
  return (
    <Typography.Text>
      <Link to={`${path}/${match.id}`} target="_blank" data-testid="duplicate-match-link">
        {match.name}
      </Link>{" "}
      <Typography.Text type="secondary">
        {t("duplicates.warning.matchedOn", { on, owner: match.ownerName ?? t("duplicates.noOwner") })}
      </Typography.Text>
    </Typography.Text>
  );
}
