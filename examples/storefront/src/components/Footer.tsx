import { useLocale } from "../i18n";
import { LockIcon } from "./icons";

export function Footer() {
  const { t } = useLocale();
  return (
    <footer className="footer">
      <p>
        <LockIcon /> {t.secure}
      </p>
      <p className="muted">{t.demo}</p>
    </footer>
  );
}
