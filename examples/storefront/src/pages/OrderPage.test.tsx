import { act, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { anOrder, controlledFetch, paidAndDelivered, renderPage } from "../testing/fixtures";
import { OrderPage } from "./OrderPage";

const ORDER_ID = "ord_k3J9x2QaZZZZZZZZZZZZZZZZ";
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

function setHidden(hidden: boolean) {
  Object.defineProperty(document, "hidden", { configurable: true, get: () => hidden });
  act(() => {
    document.dispatchEvent(new Event("visibilitychange"));
  });
}

/** Opens the page (in StrictMode: mounted, unmounted, mounted) and answers its first read. */
async function open(order = anOrder()) {
  const server = controlledFetch();
  const view = renderPage(<OrderPage orderId={ORDER_ID} />);
  await act(async () => server.last().respond(200, order));
  return { server, view };
}

const aborted = (server: ReturnType<typeof controlledFetch>) =>
  server.calls.filter((call) => call.init?.signal?.aborted).length;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  Reflect.deleteProperty(document, "hidden");
});

describe("OrderPage", () => {
  it("reads the order once per interval: StrictMode's first mount leaves no poll behind", async () => {
    const { server } = await open();
    expect(screen.getByRole("heading", { name: "Commande K3J9X2QA" })).toBeTruthy();
    // The first mount's request was aborted; only the second one is live.
    expect(server.calls).toHaveLength(2);
    expect(aborted(server)).toBe(1);
    await advance(3_000);
    expect(server.calls).toHaveLength(3);
    await act(async () => server.last().respond(200, anOrder()));
    await advance(3_000);
    expect(server.calls).toHaveLength(4);
  });

  it("stops for good once closed, even with a read in flight", async () => {
    const { server, view } = await open();
    await advance(3_000);
    const inFlight = server.last();
    view.unmount();
    expect(inFlight.init?.signal?.aborted).toBe(true);
    inFlight.respond(200, anOrder(paidAndDelivered()));
    await advance(60_000);
    expect(server.calls).toHaveLength(3);
  });

  it("does not poll from a hidden tab, and catches up once it is shown", async () => {
    const { server } = await open();
    setHidden(true);
    await advance(30_000);
    expect(server.calls).toHaveLength(2);
    setHidden(false);
    expect(server.calls).toHaveLength(3);
    await act(async () => server.last().respond(200, anOrder(paidAndDelivered())));
    expect(document.querySelector("[data-delivered]")?.getAttribute("data-delivered")).toBe("true");
    // Delivered: nothing more to wait for.
    await advance(30_000);
    expect(server.calls).toHaveLength(3);
  });

  it("announces the order turning paid and delivered, not what it was on opening", async () => {
    const { server } = await open();
    const region = screen.getByRole("status");
    expect(region.getAttribute("aria-live")).toBe("polite");
    expect(region.textContent).toBe("");
    await advance(3_000);
    await act(async () => server.last().respond(200, anOrder({ status: "paid" })));
    expect(screen.getByRole("status")).toBe(region);
    expect(region.textContent).toBe("Paiement confirmé");
    await advance(3_000);
    await act(async () => server.last().respond(200, anOrder(paidAndDelivered())));
    expect(screen.getByRole("status")).toBe(region);
    expect(region.textContent).toBe("Paiement reçu, commande livrée. Merci pour votre confiance !");
  });

  it("announces nothing for an order already delivered when opened", async () => {
    await open(anOrder(paidAndDelivered()));
    expect(screen.getByRole("status").textContent).toBe("");
  });

  it("says so when the order does not exist, and stops asking", async () => {
    const server = controlledFetch();
    renderPage(<OrderPage orderId={ORDER_ID} />);
    await act(async () =>
      server.last().respond(404, { error: { code: "ORDER_NOT_FOUND", message: "no" } }),
    );
    expect(screen.getByText("Cette commande n'existe pas.")).toBeTruthy();
    await advance(30_000);
    expect(server.calls).toHaveLength(2);
  });
});
