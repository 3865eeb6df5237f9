import type { AdminOrder, AdminPayout } from "@ligdicash-kit/example-shop-common";
import { useCallback, useEffect, useState } from "react";
import { AdminApiError, adminApi, isLive } from "./api";
import { LoginForm } from "./LoginForm";
import { OrderCard } from "./OrderCard";
import { PayoutsTable } from "./PayoutsTable";
import { useAdminTexts } from "./texts";
import "./admin.css";

/** How often the page re-reads while a refund is on its way: its status changes by itself. */
const LIVE_MS = 2_000;

interface Board {
  orders: AdminOrder[];
  payouts: AdminPayout[];
}

/**
 * `/admin`: log in with the shop's ADMIN_PASSWORD, then the orders with their payments, a refund
 * form on each paid one, and every payout, refreshed while one is on its way.
 */
export function AdminPage() {
  const { a, t } = useAdminTexts();
  const [board, setBoard] = useState<Board | null>(null);
  const [loggedOut, setLoggedOut] = useState(false);
  const [failed, setFailed] = useState(false);
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    Promise.all([adminApi.orders(), adminApi.payouts()]).then(
      ([orders, payouts]) => {
        if (!live) return;
        setBoard({ orders, payouts });
        setLoggedOut(false);
        setFailed(false);
      },
      (error: unknown) => {
        if (!live) return;
        if (error instanceof AdminApiError && error.status === 401) setLoggedOut(true);
        else setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [round]);

  const waiting = board?.payouts.some(isLive) ?? false;
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(reload, LIVE_MS);
    return () => clearTimeout(timer);
  }, [waiting, round, reload]);

  if (loggedOut) return <LoginForm onLoggedIn={reload} />;
  if (failed && !board) {
    return (
      <div className="panel center" role="alert">
        <p>{t.loadError}</p>
        <button type="button" className="btn btn-secondary" onClick={reload}>
          {t.reload}
        </button>
      </div>
    );
  }
  if (!board) {
    return (
      <p className="loading" role="status">
        <span className="spinner" aria-hidden="true" /> {t.loading}
      </p>
    );
  }
  return (
    <div className="admin" data-admin="dashboard">
      <header className="admin-head">
        <h1>{a.title}</h1>
        <button
          type="button"
          className="link"
          onClick={() => void adminApi.logout().finally(() => setLoggedOut(true))}
        >
          {a.logout}
        </button>
      </header>
      {waiting && (
        <p className="muted" role="status">
          {a.live}
        </p>
      )}
      <section aria-labelledby="admin-orders">
        <h2 id="admin-orders">{a.orders}</h2>
        {board.orders.length === 0 && <p className="muted">{a.noOrders}</p>}
        {board.orders.map((order) => (
          <OrderCard key={order.id} order={order} onRefunded={reload} />
        ))}
      </section>
      <section aria-labelledby="admin-payouts">
        <h2 id="admin-payouts">{a.payouts}</h2>
        <PayoutsTable payouts={board.payouts} onResolved={reload} />
      </section>
    </div>
  );
}
