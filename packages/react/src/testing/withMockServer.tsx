import type { Decorator } from "@storybook/react-vite";
import { useState } from "react";
import { LigdicashProvider } from "../LigdicashProvider";
import { en } from "../messages";
import type { Locale } from "../messages";
import { mockFetch } from "./mockFetch";
import type { MockServerOptions } from "./mockFetch";

/**
 * Wraps a story in a provider whose server is the mock scripted by `parameters.server`, in the
 * locale chosen in the toolbar (or by the story's `globals`): stories need no server at all.
 */
export const withMockServer: Decorator = (Story, { parameters, globals }) => {
  const server = parameters.server as MockServerOptions | undefined;
  const [fetch] = useState(() => mockFetch(server));
  const locale = (globals.locale as Locale | undefined) ?? "fr";
  return (
    <LigdicashProvider fetch={fetch} locale={locale} messages={locale === "en" ? en : undefined}>
      <Story />
    </LigdicashProvider>
  );
};

/** The same story, in English. */
export function inEnglish<T extends { globals?: object }>(
  story: T,
): T & { globals: { locale: Locale } } {
  return { ...story, globals: { ...story.globals, locale: "en" } };
}

/** The same story, with `@ligdicash-kit/react/styles.css` (see .storybook/preview.tsx). */
export function styled<T extends { globals?: object }>(
  story: T,
): T & { globals: { styles: "kit" } } {
  return { ...story, globals: { ...story.globals, styles: "kit" } };
}
