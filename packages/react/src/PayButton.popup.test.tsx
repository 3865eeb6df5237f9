import { act, fireEvent, render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { LigdicashProvider } from "./LigdicashProvider";
import { navigate } from "./navigate";
import { PayButton } from "./PayButton";
import type { PayButtonProps } from "./PayButton";
import { usePaymentStatus } from "./usePaymentStatus";
import { mockFetch } from "./testing/mockFetch";
import { fakePopup } from "./testing/fakePopup";
import type { MockServerOptions } from "./testing/mockFetch";

vi.mock("./navigate", () => ({ navigate: vi.fn() }));

const PAY_URL = "https://app.ligdicash.com/pay/invoice/tok_1";

function setup(
  props: Partial<PayButtonProps> = {},
  server: MockServerOptions = {},
  blocked: boolean | "closed" = false,
  beside?: ReactNode,
) {
  const popup = fakePopup();
  // Some blockers hand back a window that is closed already.
  if (blocked === "closed") popup.closed = true;
  const fetch = mockFetch({ pay: { payUrl: PAY_URL }, ...server });
  const open = vi
    .spyOn(window, "open")
    .mockImplementation(() => (blocked === true ? null : (popup as unknown as Window)));
  const callbacks = { onPaid: vi.fn(), onFailed: vi.fn(), onClose: vi.fn(), onError: vi.fn() };
  const view = render(
    <LigdicashProvider fetch={fetch}>
      <PayButton orderId="order_42" mode="popup" {...callbacks} {...props} />
      {beside}
    </LigdicashProvider>,
  );
  return {
    ...callbacks,
    popup,
    open,
    fetch,
    unmount: view.unmount,
    button: screen.getByRole("button"),
    statusCalls: () => fetch.calls.filter((call) => call.url.includes("/status/")),
  };
}

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

function messageFrom(source: unknown, data: unknown, origin = location.origin) {
  const event = new MessageEvent("message", { data, origin });
  Object.defineProperty(event, "source", { value: source });
  act(() => {
    window.dispatchEvent(event);
  });
}

// The popup watch loads on demand: loaded once here, it is at hand in every test.
beforeAll(async () => {
  await import("./watch.js");
});
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("PayButton: popup mode", () => {
  it("opens the popup synchronously in the click, before the server answers", async () => {
    const { button, open, popup, fetch } = setup({}, { delay: 100 });
    fireEvent.click(button);
    expect(open).toHaveBeenCalledOnce();
    // An empty URL opens about:blank, at once and of this origin (HTML's window open steps).
    expect(open.mock.calls[0]?.[0]).toBe("");
    expect(popup.document.body.textContent).toBe("Paiement en cours…");
    expect(popup.location.replace).not.toHaveBeenCalled();
    expect(fetch.calls).toHaveLength(1);
    await advance(100);
    expect(popup.location.replace).toHaveBeenCalledWith(PAY_URL);
    expect(navigate).not.toHaveBeenCalled();
  });

  it("falls back to the same-tab redirect when the popup is blocked", async () => {
    const { button } = setup({}, {}, true);
    fireEvent.click(button);
    await advance(0);
    expect(navigate).toHaveBeenCalledWith(PAY_URL);
  });

  it("takes a popup handed back closed by a blocker for a blocked one (defect 4)", async () => {
    const { button, popup, onClose, statusCalls } = setup({}, {}, "closed");
    fireEvent.click(button);
    await advance(0);
    expect(navigate).toHaveBeenCalledWith(PAY_URL);
    expect(popup.location.replace).not.toHaveBeenCalled();
    expect(statusCalls()).toHaveLength(0);
    expect(onClose).not.toHaveBeenCalled();
  });

  it("tells the shop the payment page's address before pointing the popup at it", async () => {
    const onBeforeRedirect = vi.fn();
    const { button, popup } = setup({ onBeforeRedirect });
    fireEvent.click(button);
    await advance(0);
    expect(onBeforeRedirect).toHaveBeenCalledExactlyOnceWith(PAY_URL);
    expect(onBeforeRedirect.mock.invocationCallOrder[0]).toBeLessThan(
      popup.location.replace.mock.invocationCallOrder[0] ?? 0,
    );
  });

  it("closes the empty popup and shows an error when the shop's onBeforeRedirect throws", async () => {
    const failure = new Error("analytics down");
    const { button, popup, onError, statusCalls } = setup({
      onBeforeRedirect: () => {
        throw failure;
      },
    });
    fireEvent.click(button);
    await advance(0);
    expect(popup.location.replace).not.toHaveBeenCalled();
    expect(popup.close).toHaveBeenCalled();
    expect(onError).toHaveBeenCalledExactlyOnceWith(failure);
    expect(button.dataset.state).toBe("error");
    expect(screen.getByRole("alert")).toBeTruthy();
    expect(statusCalls()).toHaveLength(0);
  });

  it("polls while the popup is open, then reports paid and closes it", async () => {
    const { button, popup, onPaid, onClose, statusCalls } = setup(
      {},
      { statuses: ["pending", "paid"] },
    );
    fireEvent.click(button);
    await advance(0);
    expect(statusCalls()).toHaveLength(1);
    expect(button.dataset.state).toBe("loading");
    await advance(2000);
    expect(onPaid).toHaveBeenCalledExactlyOnceWith("order_42");
    expect(popup.close).toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
    expect(button.dataset.state).toBe("idle");
  });

  it("reports a failed payment", async () => {
    const { button, popup, onFailed, onPaid } = setup({}, { statuses: ["failed"] });
    fireEvent.click(button);
    await advance(0);
    expect(onFailed).toHaveBeenCalledExactlyOnceWith("order_42");
    expect(onPaid).not.toHaveBeenCalled();
    expect(popup.close).toHaveBeenCalled();
  });

  it("reports a popup closed unpaid only after a grace minute of checks", async () => {
    const { button, popup, onClose, onPaid, statusCalls } = setup();
    fireEvent.click(button);
    await advance(0);
    popup.closed = true;
    await advance(59_000);
    expect(statusCalls().length).toBeGreaterThanOrEqual(5);
    expect(onClose).not.toHaveBeenCalled();
    expect(button.dataset.state).toBe("loading");
    await advance(10_000); // the check after the grace period is the last one
    expect(onClose).toHaveBeenCalledExactlyOnceWith("order_42");
    expect(onPaid).not.toHaveBeenCalled();
    expect(button.dataset.state).toBe("idle");
    const calls = statusCalls().length;
    await advance(60_000);
    expect(onClose).toHaveBeenCalledOnce();
    expect(statusCalls()).toHaveLength(calls);
  });

  it("tells a shopper who closes the popup, then approves on the phone, that it is paid", async () => {
    const { button, popup, onClose, onPaid, statusCalls } = setup(
      {},
      { statuses: ["pending", "pending", "paid"] },
    );
    fireEvent.click(button);
    await advance(100);
    popup.closed = true;
    // The server re-confirms with LigdiCash at most every 3 s: closing never hurries the checks.
    await advance(1899);
    expect(statusCalls()).toHaveLength(1);
    await advance(1);
    expect(statusCalls()).toHaveLength(2);
    await advance(8000);
    expect(onPaid).toHaveBeenCalledExactlyOnceWith("order_42");
    expect(onClose).not.toHaveBeenCalled();
    expect(button.dataset.state).toBe("idle");
  });

  it("reports a payment that fails after the popup was closed", async () => {
    const { button, popup, onClose, onFailed } = setup(
      {},
      { statuses: ["pending", "pending", "failed"] },
    );
    fireEvent.click(button);
    await advance(0);
    popup.closed = true;
    await advance(10_000);
    expect(onFailed).toHaveBeenCalledExactlyOnceWith("order_42");
    expect(onClose).not.toHaveBeenCalled();
  });

  it("believes the server, not the closing: paid at the next check is paid", async () => {
    const { button, popup, onClose, onPaid } = setup({}, { statuses: ["pending", "paid"] });
    fireEvent.click(button);
    await advance(0);
    popup.closed = true;
    await advance(2000);
    expect(onPaid).toHaveBeenCalledOnce();
    expect(onClose).not.toHaveBeenCalled();
  });

  it("gives up on a popup left open for 30 minutes: closes it, stops, reports it closed", async () => {
    const { button, popup, onClose, statusCalls } = setup();
    fireEvent.click(button);
    await advance(29 * 60_000);
    expect(onClose).not.toHaveBeenCalled();
    await advance(2 * 60_000);
    expect(onClose).toHaveBeenCalledExactlyOnceWith("order_42");
    expect(popup.close).toHaveBeenCalled();
    expect(button.dataset.state).toBe("idle");
    const calls = statusCalls().length;
    await advance(60 * 60_000);
    expect(statusCalls()).toHaveLength(calls);
  });

  it("checks early when the return page in the popup says it is back", async () => {
    const { button, popup, statusCalls } = setup();
    fireEvent.click(button);
    await advance(2000); // checks at 0 and 2 s; the next one is due at 5 s
    expect(statusCalls()).toHaveLength(2);
    await advance(1000);
    messageFrom(popup, { ligdicash: "order_42" });
    // Early, yet never within 2 s of the last check: a chatty page cannot flood the server.
    await advance(999);
    expect(statusCalls()).toHaveLength(2);
    await advance(1);
    expect(statusCalls()).toHaveLength(3);
  });

  it("ignores messages from other origins, other windows or other orders", async () => {
    const { button, popup, statusCalls } = setup();
    fireEvent.click(button);
    await advance(0);
    messageFrom(popup, { ligdicash: "order_42" }, "https://evil.test");
    messageFrom(window, { ligdicash: "order_42" });
    messageFrom(popup, { ligdicash: "order_43" });
    await advance(1000);
    expect(statusCalls()).toHaveLength(1);
  });

  it("brings the open popup forward instead of starting a second payment", async () => {
    const { button, popup, open, fetch } = setup();
    fireEvent.click(button);
    await advance(0);
    fireEvent.click(button);
    expect(popup.focus).toHaveBeenCalled();
    expect(open).toHaveBeenCalledOnce();
    expect(fetch.calls.filter((call) => call.url.endsWith("/pay"))).toHaveLength(1);
  });

  it("closes the popup and shows the error when the payment cannot start", async () => {
    const { button, popup, onError } = setup(
      {},
      { pay: { error: "LIGDICASH_UNAVAILABLE", httpStatus: 503 } },
    );
    fireEvent.click(button);
    await advance(0);
    expect(popup.close).toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toMatch(/indisponible/);
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: "LIGDICASH_UNAVAILABLE" }),
    );
  });

  it("shares the page's one status watch with a component that shows the same order (defect 6)", async () => {
    function Status() {
      return <output>{usePaymentStatus("order_42").state}</output>;
    }
    const { button, onPaid, statusCalls } = setup(
      {},
      { statuses: ["pending", "pending", "paid"] },
      false,
      <Status />,
    );
    await advance(0);
    expect(statusCalls()).toHaveLength(1);
    fireEvent.click(button);
    await advance(2000);
    // One stream of requests for the order: the popup watch joined the one already running.
    expect(statusCalls()).toHaveLength(2);
    await advance(3000);
    expect(statusCalls()).toHaveLength(3);
    expect(onPaid).toHaveBeenCalledExactlyOnceWith("order_42");
    expect(screen.getByRole("status").textContent).toBe("paid");
  });

  it("stops polling when unmounted, leaving the shopper's popup alone", async () => {
    const { button, popup, unmount, statusCalls } = setup();
    fireEvent.click(button);
    await advance(0);
    unmount();
    await advance(60_000);
    expect(statusCalls()).toHaveLength(1);
    expect(popup.close).not.toHaveBeenCalled();
  });
});

describe("PayButton: a storefront inside a frame (defect 1)", () => {
  beforeEach(() => {
    // Framed: the top window is another page's.
    vi.stubGlobal("top", {});
  });

  it("opens a new tab in the click, however long the server takes, and sends it to the payment page", async () => {
    const { button, open, popup, fetch } = setup({ mode: "redirect" }, { delay: 8000 });
    fireEvent.click(button);
    // An empty URL and target: an about:blank page in a new tab; no features: a tab, not a popup.
    expect(open).toHaveBeenCalledExactlyOnceWith("", "", "");
    expect(fetch.calls).toHaveLength(1);
    // Well past the click's few seconds of user activation.
    await advance(8000);
    expect(popup.location.replace).toHaveBeenCalledWith(PAY_URL);
    expect(navigate).not.toHaveBeenCalled();
  });

  it("learns the outcome from the tab, and leaves the tab (the shop's return page) open", async () => {
    const { button, onPaid, popup } = setup(
      { mode: "redirect" },
      { statuses: ["pending", "paid"] },
    );
    fireEvent.click(button);
    await advance(2000);
    expect(onPaid).toHaveBeenCalledExactlyOnceWith("order_42");
    expect(button.dataset.state).toBe("idle");
    expect(popup.close).not.toHaveBeenCalled();
  });

  it("closes the blank tab when the payment cannot start", async () => {
    const { button, popup } = setup(
      { mode: "redirect" },
      { pay: { error: "LIGDICASH_UNAVAILABLE", httpStatus: 503 } },
    );
    fireEvent.click(button);
    await advance(0);
    expect(popup.close).toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toMatch(/indisponible/);
  });

  it("tries the top window when even the tab is refused", async () => {
    const { button } = setup({ mode: "redirect" }, {}, true);
    fireEvent.click(button);
    await advance(0);
    expect(navigate).toHaveBeenCalledWith(PAY_URL);
  });
});
