// A new user's storefront, written from the README: the button on the order page, the return page
// at /payment/return.
import { createRoot } from "react-dom/client";
import { LigdicashProvider, PayButton, ReturnPage } from "@ligdicash-kit/react";

const page =
  window.location.pathname === "/payment/return" ? (
    <ReturnPage />
  ) : (
    <PayButton orderId="ord_42" amount={15000} />
  );

createRoot(document.getElementById("root")).render(
  <LigdicashProvider locale="fr">{page}</LigdicashProvider>,
);
