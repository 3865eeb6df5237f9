import type { OrderView, Product } from "@ligdicash-kit/example-shop-common";
import { PayButton } from "@ligdicash-kit/react";
import { useEffect, useRef, useState } from "react";
import { createOrder, shortId } from "../api";
import { useLocale } from "../i18n";
import { useNavigate } from "../router";
import { QuantityPicker } from "./QuantityPicker";

const MAX_QUANTITY = 10;

/**
 * Quantity and "Commander": the shop creates the order (and prices it), then the shopper pays it
 * in this tab or in a popup window.
 */
export function Checkout({ product }: { product: Product }) {
  const { locale, t, price } = useLocale();
  const navigate = useNavigate();
  const [quantity, setQuantity] = useState(1);
  const [order, setOrder] = useState<OrderView | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const [notice, setNotice] = useState("");
  // The button pressed ("Commander", "Modifier la commande") goes away with its section: focus
  // moves to what replaces it instead of falling back to the page's <body>.
  const heading = useRef<HTMLHeadingElement>(null);
  const buyHeading = useRef<HTMLHeadingElement>(null);
  const moveFocus = useRef(false);
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    (order ? heading.current : buyHeading.current)?.focus();
  }, [order]);

  const place = () => {
    if (busy) return;
    setBusy(true);
    setFailed(false);
    createOrder(product.id, quantity).then(
      (created) => {
        moveFocus.current = true;
        setNotice("");
        setOrder(created);
        setBusy(false);
      },
      () => {
        setFailed(true);
        setBusy(false);
      },
    );
  };

  if (!order) {
    return (
      <div className="buy">
        <h2 className="visually-hidden" ref={buyHeading} tabIndex={-1}>
          {t.buyTitle}
        </h2>
        <div className="buy-row">
          <QuantityPicker value={quantity} max={MAX_QUANTITY} onChange={setQuantity} />
          <p className="total">
            <span>{t.total}</span>
            <strong data-testid="total">{price(product.price * quantity)}</strong>
          </p>
        </div>
        <button type="button" className="btn btn-primary" aria-busy={busy} onClick={place}>
          {busy ? t.ordering : t.order}
        </button>
        {failed && (
          <p className="error" role="alert">
            {t.loadError}
          </p>
        )}
      </div>
    );
  }

  return (
    <section className="checkout" aria-labelledby="checkout-title" data-order-id={order.id}>
      <div className="checkout-head">
        <h2 id="checkout-title" ref={heading} tabIndex={-1}>
          {t.orderNumber} {shortId(order.id)}
        </h2>
        <strong>{price(order.amount)}</strong>
      </div>
      <p className="checkout-lines">
        {order.items.map((item) => `${item.quantity} × ${item.name[locale]}`).join(", ")}
      </p>
      <PayButton
        orderId={order.id}
        amount={order.amount}
        className="btn btn-primary"
        data-testid="pay-redirect"
      />
      <PayButton
        orderId={order.id}
        mode="popup"
        className="btn btn-secondary"
        data-testid="pay-popup"
        onClick={() => setNotice("")}
        onPaid={(id) => navigate(`/orders/${encodeURIComponent(id)}?paid=1`)}
        onFailed={() => setNotice(t.popupFailed)}
        onClose={() => setNotice(t.popupClosed)}
      >
        {t.payPopup}
      </PayButton>
      {/* Always there, so that screen readers hear the text that appears in it. */}
      <p className="notice" role="status">
        {notice}
      </p>
      <p className="hint">
        {t.payHint} <span className="operators">{t.operators}</span>
      </p>
      <button
        type="button"
        className="link"
        onClick={() => {
          moveFocus.current = true;
          setOrder(null);
        }}
      >
        {t.changeOrder}
      </button>
    </section>
  );
}
