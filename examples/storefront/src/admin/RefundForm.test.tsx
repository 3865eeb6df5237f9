import type { AdminOrder } from "@ligdicash-kit/example-shop-common";
import { act, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { controlledFetch, renderPage } from "../testing/fixtures";
import { RefundForm } from "./RefundForm";

const order: AdminOrder = {
  id: "ord_k3J9x2QaZZZZZZZZZZZZZZZZ",
  reference: "K3J9X2QA",
  status: "paid",
  delivered: true,
  amount: 7_000,
  createdAt: "2025-01-10T10:00:00.000Z",
  paidAt: "2025-01-10T10:02:00.000Z",
  operator: "ORANGE BURKINA",
  payments: [],
  refundable: 7_000,
  refunds: [],
};

const sent = (init: RequestInit | undefined) =>
  JSON.parse(init?.body as string) as { id: string; amount: number; reason: string };

afterEach(() => vi.unstubAllGlobals());

describe("RefundForm", () => {
  it("refunds the rest by default, and retries a failed refund under the same id", async () => {
    const server = controlledFetch();
    const onRefunded = vi.fn();
    renderPage(<RefundForm order={order} onRefunded={onRefunded} />);
    fireEvent.change(screen.getByLabelText("Motif"), { target: { value: "Rupture de stock" } });
    const button = screen.getByRole("button", { name: /^Rembourser 7\s000/ });

    fireEvent.click(button);
    const first = server.last();
    expect(first.url).toBe(`/api/admin/orders/${order.id}/refunds`);
    expect(sent(first.init)).toMatchObject({ amount: 7_000, reason: "Rupture de stock" });
    await act(async () =>
      first.respond(503, { error: { code: "STORE_UNAVAILABLE", message: "Try again." } }),
    );
    expect(screen.getByRole("alert").textContent).toBe("Try again.");
    expect(onRefunded).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole("button", { name: /^Rembourser/ }));
    const retry = server.last();
    expect(sent(retry.init).id).toBe(sent(first.init).id);
    await act(async () => retry.respond(201, { refund: { id: sent(retry.init).id } }));
    expect(onRefunded).toHaveBeenCalledTimes(1);

    fireEvent.change(screen.getByLabelText(/^Montant/), { target: { value: "2000" } });
    fireEvent.change(screen.getByLabelText("Motif"), { target: { value: "Un autre" } });
    fireEvent.click(screen.getByRole("button", { name: /^Rembourser 2\s000/ }));
    const next = sent(server.last().init);
    expect(next).toMatchObject({ amount: 2_000 });
    expect(next.id).not.toBe(sent(first.init).id);
    expect(next.id).toMatch(/^rf-K3J9X2QA-[0-9a-f]{12}$/);
  });

  it("says when there is nothing left to refund", () => {
    renderPage(<RefundForm order={{ ...order, refundable: 0 }} onRefunded={() => undefined} />);
    expect(screen.getByText("Rien à rembourser.")).toBeTruthy();
  });
});
