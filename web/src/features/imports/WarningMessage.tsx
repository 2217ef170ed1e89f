import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ImportObjectType } from "./api";

/** "(<id>)" or "（<id>）" in a note: the existing record a row matches. */
const recordId = /\s?[（(]([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})[）)]/i;

/** A check's note, the id of the record a row matches shown as a link to that record. */
export function WarningMessage({ objectType, message }: { objectType: ImportObjectType; message: string }) {
  const { t } = useTranslation();
  const match = recordId.exec(message);
  if (!match) return message;
  const path = objectType === "customer" ? "customers" : "contacts";
  const rest = message.slice(match.index + match[0].length);
  // No space before the punctuation that goes on with the sentence ("…重复 查看，你无权编辑该记录").
  const gap = rest === "" || /^[，,；;。.]/.test(rest) ? "" : " ";
  return (
    <>
      {message.slice(0, match.index)}{" "}
      <Link to={`/${path}/${match[1]}`} target="_blank">
        {t("imports.openRecord")}
      </Link>
      {gap}
      {rest}
    </>
  );
}
