import type { AdminPayout } from "@ligdicash-kit/example-shop-common";
import { useState } from "react";
import { AdminApiError, adminApi } from "./api";
import { useAdminTexts } from "./texts";

/** Whether a person must say how a payout ended: LigdiCash's answers could not settle it. */
export function needsResolving(payout: AdminPayout): boolean {
  return payout.status === "unknown" || (payout.needsReview && payout.status === "sent");
}

/**
 * A person's word on a payout whose outcome is unknown, after checking it in the LigdiCash
 * dashboard: paid (the beneficiary has the money) or failed (LigdiCash has no such payout; a
 * failed refund's amount can be refunded again). Never a new payout: that could pay twice.
 */
export function ResolvePayout({
  payout,
  onResolved,
}: {
  payout: AdminPayout;
  onResolved: () => void;
}) {
  const { a } = useAdminTexts();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const resolve = (outcome: "paid" | "failed") => {
    setBusy(true);
    setError(null);
    adminApi.resolve(payout.id, outcome).then(
      () => {
        setBusy(false);
        onResolved();
      },
      (caught: unknown) => {
        setBusy(false);
        setError(caught instanceof AdminApiError && caught.message ? caught.message : "Error");
      },
    );
  };

  return (
    <div className="admin-resolve" data-admin="resolve">
      <p className="muted">{a.checkInLigdicash}</p>
      <button
        type="button"
        className="btn btn-secondary"
        disabled={busy}
        onClick={() => resolve("paid")}
      >
        {a.resolvePaid}
      </button>
      <button
        type="button"
        className="btn btn-secondary"
        disabled={busy}
        onClick={() => resolve("failed")}
      >
        {a.resolveFailed}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
