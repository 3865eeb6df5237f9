import type { Metadata } from "next";
import { AdminPage } from "../storefront";

// The shop owner's page: not one for search engines.
export const metadata: Metadata = { robots: { index: false, follow: false } };

// Logged in or not, the page asks the admin API from the browser: the server renders its frame.
export default function Admin() {
  return <AdminPage />;
}
