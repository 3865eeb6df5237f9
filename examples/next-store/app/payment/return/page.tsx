import { PaymentReturn } from "../../storefront";

// LigdiCash sends the shopper here with ?order=<id>; the page asks the server, never the URL.
export default function Return() {
  return <PaymentReturn />;
}
