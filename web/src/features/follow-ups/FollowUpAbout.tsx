import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { FollowUp } from "./api";

/** Who a follow-up is about: its customer, or, for people with no customer, its contacts. */
export function FollowUpAbout({ followUp }: { followUp: Pick<FollowUp, "customerId" | "customerName" | "contacts"> }) {
  const { t } = useTranslation();
  if (followUp.customerId) {
    return <Link to={`/customers/${followUp.customerId}`}>{followUp.customerName ?? followUp.customerId}</Link>;
  }
  // Contacts the caller cannot see are left out by the server: there may be none left to name.
  if (followUp.contacts.length === 0) return <span>—</span>;
  return (
    <span data-testid="follow-up-contacts">
      {followUp.contacts.map((contact, i) => (
        <Fragment key={contact.id}>
          {i > 0 && t("followUps.contactSeparator")}
          <Link to={`/contacts/${contact.id}`}>{contact.name}</Link>
        </Fragment>
      ))}
    </span>
  );
}
