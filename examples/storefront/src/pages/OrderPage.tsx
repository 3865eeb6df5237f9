import type { OrderView } from "@ligdicash-kit/example-shop-common";
import { PayButton } from "@ligdicash-kit/react";
import { useEffect, useState } from "react";
import { getOrder, shortId, ShopApiError } from "../api";
import { CheckIcon } from "../components/icons";
import { useLocale } from "../i18n";
import { NotFound } from "./NotFound";

/** How often the page re-reads an order not delivered yet, and for how long at most. */
const REFRESH_MS = 3_000;
const REFRESH_FOR_MS = 10 * 60_000;

/**
 * The shop's own view of an order: placed, paid (by `onPaid`, on the server), delivered. It keeps
 * itself up to date while the payment is being confirmed, so it also shows payments found later.
 */
export function OrderPage({ orderId }: { orderId: string }) {
  const { t, price, date, locale } = useLocale();
  const [order, setOrder] = useState<OrderView | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const until = Date.now() + REFRESH_FOR_MS;
    const refresh = () => {
      getOrder(orderId).then(
        (fresh) => {
          setOrder(fresh);
          if (!fresh.delivered && Date.now() < until) timer = setTimeout(refresh, REFRESH_MS);
        },
        (error: unknown) => {
          if (error instanceof ShopApiError && error.status === 404) setMissing(true);
          else if (Date.now() < until) timer = setTimeout(refresh, REFRESH_MS);
        },
      );
    };
    refresh();
    return () => clearTimeout(timer);
  }, [orderId]);

  if (missing) return <NotFound message={t.orderNotFound} />;
  if (!order) {
    return (
      <p className="loading" role="status">
        <span className="spinner" aria-hidden="true" /> {t.loading}
      </p>
    );
  }
  const paid = order.status === "paid";
  const badge = order.delivered ? t.statusDelivered : paid ? t.statusPaid : t.statusAwaiting;
  return (
    <article
      className="panel order"
      data-order-status={order.status}
      data-delivered={order.delivered}
      aria-labelledby="order-title"
    >
      <header className="order-head">
        <h1 id="order-title">
          {t.orderTitle} {shortId(order.id)}
        </h1>
        <span
          className={`badge ${order.delivered ? "badge-ok" : paid ? "badge-info" : "badge-wait"}`}
        >
          {badge}
        </span>
      </header>
      {order.delivered && (
        <div className="delivered">
          <CheckIcon />
          <p>{t.deliveredLead}</p>
        </div>
      )}
      <ol className="steps">
        <Step done title={t.stepPlaced} detail={date(order.createdAt)} />
        <Step
          done={paid}
          title={paid ? t.stepPaid : t.stepAwaiting}
          detail={
            order.paidAt
              ? `${date(order.paidAt)}${order.operator ? ` · ${t.paidWith} ${order.operator}` : ""}`
              : undefined
          }
        />
        <Step
          done={order.delivered}
          title={order.delivered ? t.stepDelivered : t.stepDelivering}
          detail={order.deliveredAt ? date(order.deliveredAt) : undefined}
        />
      </ol>
      <ul className="lines">
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
      {!paid && (
        <PayButton orderId={order.id} amount={order.amount} className="btn btn-primary">
          {`${t.payNow} · ${price(order.amount)}`}
        </PayButton>
      )}
    </article>
  );
}

function Step({
  done,
  title,
  detail,
}: {
  done: boolean;
  title: string;
  detail?: string | undefined;
}) {
  return (
    <li className={done ? "step done" : "step"}>
      <span className="dot" aria-hidden="true" />
      <span className="step-title">{title}</span>
      {detail && <span className="step-detail">{detail}</span>}
    </li>
  );
}
