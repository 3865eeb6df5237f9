import { useLocale } from "../i18n";
import { Link } from "../router";

export function NotFound({ message }: { message?: string }) {
  const { t } = useLocale();
  return (
    <div className="panel center">
      <p>{message ?? t.notFound}</p>
      <Link href="/" className="btn btn-secondary">
        {t.backHome}
      </Link>
    </div>
  );
}
