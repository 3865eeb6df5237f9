import { useCallback, useEffect, useState, type ReactNode } from "react";
import { useLocale } from "../i18n";

/** The state of a value loaded once: data, or an error with a way to try again. */
export interface Loaded<T> {
  data?: T | undefined;
  error?: unknown;
  retry: () => void;
}

/** Runs `load` on mount (and on `retry`), ignoring answers that arrive after unmount. */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown }>({});
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data }),
      (error: unknown) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure on each render: only `round` asks for a new load.
  }, [round]);
  const retry = useCallback(() => {
    setState({});
    setRound((n) => n + 1);
  }, []);
  return { ...state, retry };
}

/** Shows a loading line, a retryable error, or the children once loaded. */
export function LoadState({ loaded, children }: { loaded: Loaded<unknown>; children: ReactNode }) {
  const { t } = useLocale();
  if (loaded.error) {
    return (
      <div className="panel center" role="alert">
        <p>{t.loadError}</p>
        <button type="button" className="btn btn-secondary" onClick={loaded.retry}>
          {t.reload}
        </button>
      </div>
    );
  }
  if (loaded.data === undefined) {
    return (
      <p className="loading" role="status">
        <span className="spinner" aria-hidden="true" /> {t.loading}
      </p>
    );
  }
  return <>{children}</>;
}
