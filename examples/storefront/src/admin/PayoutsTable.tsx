import type { AdminPayout } from "@ligdicash-kit/example-shop-common";
import { needsResolving, ResolvePayout } from "./ResolvePayout";
import { useAdminTexts } from "./texts";

const BADGE: Record<AdminPayout["status"], string> = {
  pending: "badge-wait",
  sent: "badge-info",
  paid: "badge-ok",
  failed: "badge-danger",
  unknown: "badge-wait",
};

/** A payout's status as a badge; a failure's reason or a review flag as its title. */
export function PayoutStatus({ payout }: { payout: AdminPayout }) {
  const { a } = useAdminTexts();
  return (
    <span
      className={`badge ${BADGE[payout.status]}`}
      title={payout.error?.message ?? undefined}
      data-status={payout.status}
    >
      {a.payout[payout.status] ?? payout.status}
    </span>
  );
}

/**
 * Every payout of the shop (refunds included), newest first; one whose outcome is unknown can be
 * settled here once checked in the LigdiCash dashboard.
 */
export function PayoutsTable({
  payouts,
  onResolved,
}: {
  payouts: AdminPayout[];
  onResolved: () => void;
}) {
  const { a, price, date } = useAdminTexts();
  if (payouts.length === 0) return <p className="muted">{a.noPayouts}</p>;
  return (
    <div className="panel admin-table">
      <table>
        <thead>
          <tr>
            <th>{a.amount}</th>
            <th>{a.to}</th>
            <th>{a.reason}</th>
          </tr>
        </thead>
        <tbody>
          {payouts.map((payout) => (
            <tr key={payout.id} data-payout-id={payout.id} data-payout-status={payout.status}>
              {/* The status under the amount: on a phone the table stays three columns wide. */}
              <td>
                {price(payout.amount)}
                <br />
                <PayoutStatus payout={payout} />
              </td>
              <td>
                {payout.to}
                <br />
                <span className="muted">{payout.operator}</span>
              </td>
              <td>
                {payout.reason ?? payout.description}
                <br />
                <span className="muted">{date(payout.createdAt)}</span>
                <br />
                <span className="muted">{payout.id}</span>
                {needsResolving(payout) && (
                  <ResolvePayout payout={payout} onResolved={onResolved} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
