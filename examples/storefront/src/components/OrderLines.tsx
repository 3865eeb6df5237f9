import type { OrderView } from "@ligdicash-kit/example-shop-common";
import { useLocale } from "../i18n";

/** An order's lines and its total, as the order page and the return page show them. */
export function OrderLines({ order, className }: { order: OrderView; className?: string }) {
  const { t, price, locale } = useLocale();
  return (
    <>
      <ul className={className}>
        {order.items.map((item) => (
          <li key={item.productId}>
            <span>
              {item.quantity} × {item.name[locale]}
            </span>
            <span>{price(item.quantity * item.unitPrice)}</span>
          </li>
        ))}
      </ul>
      <p className="summary-total">
        <span>{t.total}</span>
        <strong>{price(order.amount)}</strong>
      </p>
    </>
  );
}
