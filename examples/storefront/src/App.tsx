import { LigdicashProvider, en } from "@ligdicash-kit/react";
import { Footer } from "./components/Footer";
import { Header } from "./components/Header";
import { AdminPage } from "./admin/AdminPage";
import { LocaleProvider, useLocale } from "./i18n";
import { NotFound } from "./pages/NotFound";
import { OrderPage } from "./pages/OrderPage";
import { PaymentReturn } from "./pages/PaymentReturn";
import { ProductPage } from "./pages/ProductPage";
import { useLocation } from "./router";

/** The storefront: product pages, the payment return page and the order page. */
export function App() {
  return (
    <LocaleProvider>
      <Shop />
    </LocaleProvider>
  );
}

function Shop() {
  const { locale } = useLocale();
  const { path } = useLocation();
  return (
    // The kit's texts (PayButton, ReturnPage) follow the storefront's language.
    <LigdicashProvider
      basePath="/api/ligdicash"
      locale={locale}
      messages={locale === "en" ? en : undefined}
    >
      <Header />
      <main className="page">{route(path)}</main>
      <Footer />
    </LigdicashProvider>
  );
}

function route(path: string) {
  if (path === "/") return <ProductPage />;
  if (path === "/payment/return") return <PaymentReturn />;
  if (path === "/admin") return <AdminPage />;
  const [, section, id, ...rest] = path.split("/");
  if (id && rest.length === 0) {
    const decoded = decodeURIComponent(id);
    if (section === "products") return <ProductPage key={decoded} productId={decoded} />;
    if (section === "orders") return <OrderPage key={decoded} orderId={decoded} />;
  }
  return <NotFound />;
}
