import { LigdicashProvider, en, type Locale } from "@ligdicash-kit/react";
import type { ReactNode } from "react";
import { Footer } from "./components/Footer";
import { Header } from "./components/Header";
import { LocaleProvider, useLocale } from "./i18n";
import { NavigatorProvider, type Navigator } from "./router";

/**
 * What every page of the storefront sits in: the language, the kit's provider, the header and the
 * footer. `navigator` is the router (the History API when absent); `locale` the language to
 * render on a server.
 */
export function Shell({
  children,
  navigator,
  locale,
}: {
  children: ReactNode;
  navigator?: Navigator | undefined;
  locale?: Locale | undefined;
}) {
  const page = (
    <LocaleProvider initial={locale}>
      <Frame>{children}</Frame>
    </LocaleProvider>
  );
  return navigator ? <NavigatorProvider value={navigator}>{page}</NavigatorProvider> : page;
}

function Frame({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  return (
    // The kit's texts (PayButton, ReturnPage) follow the storefront's language.
    <LigdicashProvider
      basePath="/api/ligdicash"
      locale={locale}
      messages={locale === "en" ? en : undefined}
    >
      <Header />
      <main className="page">{children}</main>
      <Footer />
    </LigdicashProvider>
  );
}
