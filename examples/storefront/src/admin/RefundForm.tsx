import type { AdminOrder } from "@ligdicash-kit/example-shop-common";
import { useState, type FormEvent } from "react";
import { AdminApiError, adminApi, newRefundId } from "./api";
import { useAdminTexts } from "./texts";

/**
 * Refunds an order in full (the default amount) or in part. The refund's id is made once per
 * refund meant: a retry after an error sends the same id, so it can never pay twice; a new id
 * is made only after a refund went through.
 */
export function RefundForm({ order, onRefunded }: { order: AdminOrder; onRefunded: () => void }) {
  const { a, price } = useAdminTexts();
  const [id, setId] = useState(() => newRefundId(order.reference));
  const [amount, setAmount] = useState(String(order.refundable));
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (order.refundable <= 0) return <p className="muted">{a.nothingToRefund}</p>;
  const value = Number(amount);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    adminApi.refund(order.id, { id, amount: value, reason }).then(
      () => {
        setBusy(false);
        setId(newRefundId(order.reference));
        setReason("");
        onRefunded();
      },
      (caught: unknown) => {
        setBusy(false);
        setError(caught instanceof AdminApiError && caught.message ? caught.message : "Error");
      },
    );
  };

  return (
    <form className="admin-refund" onSubmit={submit} data-admin="refund">
      <label className="field">
        <span>
          {a.amount} ({a.refundable} {price(order.refundable)})
        </span>
        <input
          type="number"
          name="amount"
          inputMode="numeric"
          min={1}
          max={order.refundable}
          step={1}
          required
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
        />
      </label>
      <label className="field">
        <span>{a.reason}</span>
        <input
          type="text"
          name="reason"
          required
          maxLength={200}
          placeholder={a.reasonPlaceholder}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
      <button type="submit" className="btn btn-secondary" aria-busy={busy} disabled={busy}>
        {busy ? a.refunding : `${a.refund} ${Number.isFinite(value) ? price(value) : ""}`}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
