import { createContext, createElement, useContext, useMemo } from "react";
import type { ReactElement, ReactNode } from "react";
import type { ApiConfig } from "./api";
import { fr } from "./messages";
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
  /** Formats amounts: "fr" (default) or "en". */
  locale?: Locale;
  /**
   * The texts, over the French defaults: `en` for English (imported only by shops that use it,
   * so that the others do not ship it), or any text of your own, e.g. `{ pay: "Acheter" }`.
   */
  messages?: Partial<Messages>;
  /** Replaces the global `fetch`, e.g. to add headers or to mock the server. */
  fetch?: typeof fetch;
  children?: ReactNode;
}

// The context value of a provider with these props (all optional: the defaults without one).
const configure = (
  basePath = "/api/ligdicash",
  locale: Locale = "fr",
  messages?: Partial<Messages>,
  fetch?: typeof globalThis.fetch,
): LigdicashContextValue => {
  if (process.env.NODE_ENV !== "production" && locale != "fr" && !messages) {
    console.error(
      `ligdicash-kit: locale="${locale}" formats amounts only; pass its texts too: import { ${locale} } from "@ligdicash-kit/react" and <LigdicashProvider locale="${locale}" messages={${locale}}>.`,
    );
  }
  return {
    basePath: basePath.replace(/\/+$/, ""),
    locale,
    messages: { ...fr, ...messages },
    fetch,
  };
};

const Context = createContext(configure());

/**
 * Optional configuration for PayButton, ReturnPage and the hooks below it.
 * @example
 * import { en } from "@ligdicash-kit/react";
 * <LigdicashProvider basePath="/api/ligdicash" locale="en" messages={en}>
 *   <PayButton orderId="order_7f3a9b" />
 * </LigdicashProvider>
 */
export function LigdicashProvider({
  basePath,
  locale,
  messages,
  fetch,
  children,
}: LigdicashProviderProps): ReactElement {
  return createElement(
    Context.Provider,
    {
      value: useMemo(
        () => configure(basePath, locale, messages, fetch),
        [basePath, locale, messages, fetch],
      ),
    },
    children,
  );
}

/** The active configuration and messages (the defaults without a provider). */
export const useLigdicash = (): LigdicashContextValue => useContext(Context);
