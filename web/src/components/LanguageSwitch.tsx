import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { currentLanguage, isLanguage, LANGUAGES } from "../app/i18n";

/** 简体中文 / English switch; i18next's detector remembers the choice in localStorage. */
export function LanguageSwitch({ size = "middle" }: { size?: "small" | "middle" }) {
  const { t, i18n } = useTranslation();
  return (
    <Segmented
      data-testid="lang-switch"
      aria-label={t("common.language")}
      size={size}
      value={currentLanguage()}
      options={LANGUAGES.map((language) => ({
        value: language.value,
        label: <span lang={language.value}>{language.label}</span>,
      }))}
      onChange={(value) => {
        if (isLanguage(value)) void i18n.changeLanguage(value);
      }}
    />
  );
}
