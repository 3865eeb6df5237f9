import { useLocale } from "../i18n";
import { Link } from "../router";

export function Header() {
  const { locale, setLocale, t } = useLocale();
  const other = locale === "fr" ? "en" : "fr";
  return (
    <header className="header">
      <div className="header-inner">
        <Link href="/" className="brand">
          <img src="/images/logo.svg" alt="" width="36" height="36" />
          <span>
            <strong>Faso Artisans</strong>
            <small>{t.brandTagline}</small>
          </span>
        </Link>
        <button
          type="button"
          className="lang"
          lang={other}
          aria-label={t.switchLabel}
          onClick={() => setLocale(other)}
        >
          {t.switchTo}
        </button>
      </div>
    </header>
  );
}
