import { createContext, createElement, useContext, useMemo } from "react";
import type { ReactNode } from "react";
import type { ApiConfig } from "./api";
import { en, fr } from "./messages";
import type { Locale, Messages } from "./messages";

/** What every component and hook of the package reads from the nearest provider. */
export interface LigdicashContextValue extends ApiConfig {
  locale: Locale;
  messages: Messages;
}

/** Props of {@link LigdicashProvider}; every one is optional. */
export interface LigdicashProviderProps {
  /** Mount path of the server middleware. Default "/api/ligdicash". */
  basePath?: string;
  /** "fr" (default) or "en". */
  locale?: Locale;
  /** Replaces any text of the active locale. */
  messages?: Partial<Messages>;
  /** Replaces the global `fetch`, e.g. to add headers or to mock the server. */
  fetch?: typeof fetch;
  children?: ReactNode;
}

const BASE_PATH = "/api/ligdicash";

const Context = createContext<LigdicashContextValue>({
  basePath: BASE_PATH,
  locale: "fr",
  messages: fr,
});

/**
 * Optional configuration for PayButton, ReturnPage and the hooks below it.
 * @example
 * <LigdicashProvider basePath="/api/ligdicash" locale="en">
 *   <PayButton orderId="order_7f3a9b" />
 * </LigdicashProvider>
 */
export function LigdicashProvider({
  basePath = BASE_PATH,
  locale = "fr",
  messages,
  fetch,
  children,
}: LigdicashProviderProps) {
  const value = useMemo(
    () => ({
      basePath: basePath.replace(/\/+$/, ""),
      locale,
      messages: { ...(locale === "en" ? en : fr), ...messages },
      fetch,
    }),
    [basePath, locale, messages, fetch],
  );
  return createElement(Context.Provider, { value }, children);
}

/** The active configuration and messages (the defaults without a provider). */
export function useLigdicash(): LigdicashContextValue {
  return useContext(Context);
}
