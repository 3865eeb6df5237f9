import { useState, type FormEvent } from "react";
import { AdminApiError, adminApi } from "./api";
import { useAdminTexts } from "./texts";

/** The admin's password form. */
export function LoginForm({ onLoggedIn }: { onLoggedIn: () => void }) {
  const { a, t } = useAdminTexts();
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    adminApi.login(password).then(
      () => onLoggedIn(),
      (caught: unknown) => {
        setBusy(false);
        const code = caught instanceof AdminApiError ? caught.code : null;
        setError(
          code === "WRONG_PASSWORD"
            ? a.wrongPassword
            : code === "TOO_MANY_ATTEMPTS"
              ? a.tooManyAttempts
              : t.loadError,
        );
      },
    );
  };

  return (
    <form className="panel admin-login" onSubmit={submit} data-admin="login">
      <h1>{a.title}</h1>
      <label className="field">
        <span>{a.password}</span>
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </label>
      <button type="submit" className="btn btn-primary" aria-busy={busy} disabled={busy}>
        {busy ? a.loggingIn : a.login}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
