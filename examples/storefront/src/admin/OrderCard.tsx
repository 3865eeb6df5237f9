import type { AdminOrder } from "@ligdicash-kit/example-shop-common";
import { PayoutStatus } from "./PayoutsTable";
import { RefundForm } from "./RefundForm";
import { useAdminTexts } from "./texts";

/** One order: its status, its payment attempts, its refunds and, once paid, the refund form. */
export function OrderCard({ order, onRefunded }: { order: AdminOrder; onRefunded: () => void }) {
  const { a, price, date } = useAdminTexts();
  const refunded = order.payments.reduce((sum, p) => sum + p.refunded, 0);
  return (
    <article
      className="panel admin-order"
      data-order-id={order.id}
      data-order-status={order.status}
      data-refundable={order.refundable}
    >
      <header className="admin-order-head">
        <h3>
          {order.reference} · {price(order.amount)}
        </h3>
        <span className={`badge ${order.status === "paid" ? "badge-ok" : "badge-wait"}`}>
          {a.order[order.status] ?? order.status}
        </span>
      </header>
      <p className="muted">
        {date(order.createdAt)}
        {order.operator ? ` · ${order.operator}` : ""}
        {refunded > 0 ? ` · ${a.refunded} ${price(refunded)}` : ""}
      </p>
      {order.payments.length > 0 && (
        <ul className="admin-list" aria-label={a.payments}>
          {order.payments.map((payment) => (
            <li key={payment.id} data-payment-status={payment.status}>
              <span>{a.payment[payment.status] ?? payment.status}</span>
              <span>{price(payment.amount)}</span>
              <span className="muted">{payment.operator ?? ""}</span>
            </li>
          ))}
        </ul>
      )}
      {order.refunds.length > 0 && (
        <ul className="admin-list" aria-label={a.refunds}>
          {order.refunds.map((refund) => (
            <li key={refund.id} data-refund-id={refund.id} data-refund-status={refund.status}>
              <PayoutStatus payout={refund} />
              <span>{price(refund.amount)}</span>
              <span className="muted">{refund.reason}</span>
            </li>
          ))}
        </ul>
      )}
      {/* A new form (a new refund id, the new rest as its amount) once a refund changed the rest. */}
      {order.status === "paid" && (
        <RefundForm key={order.refundable} order={order} onRefunded={onRefunded} />
      )}
    </article>
  );
}
