import type { OrderView } from "@ligdicash-kit/example-shop-common";
import { ReturnPage, useLigdicash } from "@ligdicash-kit/react";
import { getOrder, shortId } from "../api";
import { useLoad } from "../components/Async";
import { useLocale } from "../i18n";
import { CheckIcon } from "../components/icons";
import { OrderLines } from "../components/OrderLines";
import { Link, useLocation } from "../router";

/**
 * Where LigdiCash sends the shopper back (`/payment/return?order=…`). The kit's ReturnPage asks
 * the server, never the URL, whether the order is paid; this page dresses it up.
 */
export function PaymentReturn() {
  const { t } = useLocale();
  const orderId = useLocation().search.get("order");
  return (
    <div className="return-layout">
      <section className="panel return-panel" aria-labelledby="return-title">
        <h1 id="return-title" className="visually-hidden">
          {t.returnTitle}
        </h1>
        <ReturnPage
          className="return"
          slots={{
            checking: <Checking />,
            paid: ({ orderId: id }) => <Paid orderId={id ?? ""} />,
          }}
        />
      </section>
      {orderId && <OrderSummary orderId={orderId} />}
    </div>
  );
}

function Checking() {
  const { messages } = useLigdicash();
  const { t } = useLocale();
  return (
    <>
      <p>{messages.checking}</p>
      <p className="hint">{t.checkingHint}</p>
    </>
  );
}

function Paid({ orderId }: { orderId: string }) {
  const { t } = useLocale();
  return (
    <div className="paid">
      <CheckIcon />
      <p className="paid-title">{t.thanks}</p>
      <p>{t.paidLead}</p>
      <div className="actions">
        <Link href={`/orders/${encodeURIComponent(orderId)}`} className="btn btn-primary">
          {t.seeOrder}
        </Link>
        <Link href="/" className="btn btn-secondary">
          {t.keepShopping}
        </Link>
      </div>
    </div>
  );
}

function OrderSummary({ orderId }: { orderId: string }) {
  const { t } = useLocale();
  const { data: order } = useLoad<OrderView>(() => getOrder(orderId));
  if (!order) return null;
  return (
    <aside className="panel summary" aria-label={`${t.orderNumber} ${shortId(order.id)}`}>
      <p className="summary-title">
        {t.orderNumber} {shortId(order.id)}
      </p>
      <OrderLines order={order} />
    </aside>
  );
}
