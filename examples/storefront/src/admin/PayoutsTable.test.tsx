import type { AdminPayout } from "@ligdicash-kit/example-shop-common";
import { act, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { controlledFetch, renderPage } from "../testing/fixtures";
import { PayoutsTable } from "./PayoutsTable";

const payout = (fields: Partial<AdminPayout>): AdminPayout => ({
  id: "rf-K3J9X2QA-0a1b2c3d4e5f",
  status: "paid",
  amount: 3_500,
  method: "mobile_money",
  to: "2267•••••26",
  operator: "ORANGE BURKINA",
  description: "Refund",
  orderId: "ord_k3J9x2QaZZZZZZZZZZZZZZZZ",
  reason: "Cassé",
  error: null,
  needsReview: false,
  createdAt: "2025-01-10T10:00:00.000Z",
  settledAt: null,
  ...fields,
});

afterEach(() => vi.unstubAllGlobals());

describe("PayoutsTable", () => {
  it("offers to settle only a payout whose outcome is unknown, and says what the shop answered", async () => {
    const server = controlledFetch();
    const onResolved = vi.fn();
    renderPage(
      <PayoutsTable
        payouts={[payout({ id: "po-paid" }), payout({ id: "po-unknown", status: "unknown" })]}
        onResolved={onResolved}
      />,
    );
    expect(screen.getAllByRole("button")).toHaveLength(2);
    expect(screen.getByText(/tableau de bord LigdiCash/)).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Il a échoué" }));
    const first = server.last();
    expect(first.url).toBe("/api/admin/payouts/po-unknown/resolve");
    expect(JSON.parse(first.init?.body as string)).toEqual({ outcome: "failed" });
    await act(async () =>
      first.respond(409, {
        error: { code: "PAYOUT_ALREADY_SETTLED", message: "It is already paid." },
      }),
    );
    expect(screen.getByRole("alert").textContent).toBe("It is already paid.");
    expect(onResolved).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole("button", { name: "Il est versé" }));
    const second = server.last();
    expect(JSON.parse(second.init?.body as string)).toEqual({ outcome: "paid" });
    await act(async () => second.respond(200, { payout: { id: "po-unknown", status: "paid" } }));
    expect(onResolved).toHaveBeenCalledTimes(1);
  });
});
