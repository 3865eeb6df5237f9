import { AdminPage } from "./admin/AdminPage";
import { NotFound } from "./pages/NotFound";
import { OrderPage } from "./pages/OrderPage";
import { PaymentReturn } from "./pages/PaymentReturn";
import { ProductPage } from "./pages/ProductPage";
import { useLocation } from "./router";
import { Shell } from "./Shell";

/** The storefront: product pages, the payment return page, the order page and the admin. */
export function App() {
  return (
    <Shell>
      <Page />
    </Shell>
  );
}

function Page() {
  return route(useLocation().path);
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
