// The storefront's pages and frame, for a shop that renders them with its own router (the
// Next.js shop); the Vite build does not use this file.
export { Shell } from "./Shell";
export type { Navigator } from "./router";
export { AdminPage } from "./admin/AdminPage";
export { NotFound } from "./pages/NotFound";
export { OrderPage } from "./pages/OrderPage";
export { PaymentReturn } from "./pages/PaymentReturn";
export { ProductPage } from "./pages/ProductPage";
