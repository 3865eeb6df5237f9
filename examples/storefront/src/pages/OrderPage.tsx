import type { OrderView } from "@ligdicash-kit/example-shop-common";
import { PayButton } from "@ligdicash-kit/react";
import { useEffect, useState } from "react";
import { getOrder, shortId, ShopApiError } from "../api";
import { CheckIcon } from "../components/icons";
import { OrderLines } from "../components/OrderLines";
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
  const { t, price, date } = useLocale();
  const [order, setOrder] = useState<OrderView | null>(null);
  const [missing, setMissing] = useState(false);
  // What the order was when the page opened: only later changes are announced.
  const [firstStage, setFirstStage] = useState<Stage | null>(null);

  useEffect(() => {
    // Answers and timers that outlive the page (or StrictMode's first mount) must do nothing.
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let paused = false;
    const request = new AbortController();
    const until = Date.now() + REFRESH_FOR_MS;
    const later = () => {
      if (live && Date.now() < until) timer = setTimeout(refresh, REFRESH_MS);
    };
    const load = () => {
      getOrder(orderId, request.signal).then(
        (fresh) => {
          if (!live) return;
          setOrder(fresh);
          setFirstStage((first) => first ?? stageOf(fresh));
          if (!fresh.delivered) later();
        },
        (error: unknown) => {
          if (!live) return;
          if (error instanceof ShopApiError && error.status === 404) setMissing(true);
          else later();
        },
      );
    };
    // A tab in the background does not poll; it catches up as soon as it is shown again.
    const refresh = () => {
      if (document.hidden) paused = true;
      else load();
    };
    const onVisibility = () => {
      if (document.hidden || !paused) return;
      paused = false;
      load();
    };
    document.addEventListener("visibilitychange", onVisibility);
    load();
    return () => {
      live = false;
      clearTimeout(timer);
      request.abort();
      document.removeEventListener("visibilitychange", onVisibility);
    };
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
  const stage = stageOf(order);
  const announcement =
    stage === firstStage ? "" : stage === "delivered" ? t.deliveredLead : t.stepPaid;
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
      {/* Always there and empty at first, so that screen readers hear the order turn paid. */}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
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
      <OrderLines order={order} className="lines" />
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

type Stage = "awaiting" | "paid" | "delivered";

function stageOf(order: OrderView): Stage {
  return order.delivered ? "delivered" : order.status === "paid" ? "paid" : "awaiting";
}
