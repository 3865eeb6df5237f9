import { act, fireEvent, render, screen } from "@testing-library/react";
import { createRef, StrictMode } from "react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LigdicashProvider } from "./LigdicashProvider";
import { en } from "./messages";
import type { Locale } from "./messages";
import { navigate } from "./navigate";
import { PayButton } from "./PayButton";
import type { PayButtonProps } from "./PayButton";
import { mockFetch } from "./testing/mockFetch";
import type { MockServerOptions } from "./testing/mockFetch";

vi.mock("./navigate", () => ({ navigate: vi.fn() }));

const PAY_URL = "https://app.ligdicash.com/pay/invoice/tok_1";
const spaces = (text: string | null) => text?.replace(/\s/g, " ");

function setup(
  props: Partial<PayButtonProps> = {},
  server: MockServerOptions = {},
  locale: Locale = "fr",
) {
  const fetch = mockFetch({ pay: { payUrl: PAY_URL }, ...server });
  const ui = (p: Partial<PayButtonProps>, l: Locale): ReactNode => (
    <LigdicashProvider fetch={fetch} locale={l} messages={l === "en" ? en : undefined}>
      <PayButton orderId="order_42" {...p} />
    </LigdicashProvider>
  );
  const view = render(ui(props, locale));
  const button = screen.getByRole("button");
  return {
    fetch,
    button,
    rerender: (p = props, l = locale) => view.rerender(ui(p, l)),
    unmount: view.unmount,
    payCalls: () => fetch.calls.filter((call) => call.url.endsWith("/pay")),
    statusCalls: () => fetch.calls.filter((call) => call.url.includes("/status/")),
  };
}

const settle = () => act(() => vi.advanceTimersByTimeAsync(0));

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("PayButton: rendering", () => {
  it("is a plain button labelled from the locale, idle", () => {
    const { button } = setup();
    expect(button.textContent).toBe("Payer");
    expect(button.getAttribute("type")).toBe("button");
    expect(button.dataset.state).toBe("idle");
    expect(button.dataset.ligdicash).toBe("pay");
  });

  it("shows the amount in XOF, formatted for the locale", () => {
    expect(spaces(setup({ amount: 15000 }).button.textContent)).toBe("Payer 15 000 F CFA");
  });

  it("switches language with the provider's locale", () => {
    const { button, rerender } = setup({ amount: 15000 });
    rerender({ amount: 15000 }, "en");
    expect(spaces(button.textContent)).toBe("Pay F CFA 15,000");
  });

  it("hands its ref to the <button>", () => {
    const ref = createRef<HTMLButtonElement>();
    render(<PayButton ref={ref} orderId="order_42" />);
    expect(ref.current).toBeInstanceOf(HTMLButtonElement);
    expect(ref.current?.dataset.ligdicash).toBe("pay");
  });

  it("passes the label, class name and usual button props through", () => {
    const { button } = setup({
      children: "Acheter",
      className: "btn primary",
      id: "buy",
      title: "t",
    });
    expect(button.textContent).toBe("Acheter");
    expect(button.className).toBe("btn primary");
    expect(button.id).toBe("buy");
    expect(button.title).toBe("t");
  });
});

describe("PayButton: redirect mode", () => {
  it("asks the server for the payment page and goes there in the same tab", async () => {
    const { button, payCalls } = setup();
    fireEvent.click(button);
    expect(button.dataset.state).toBe("loading");
    expect(button.textContent).toBe("Paiement en cours…");
    await settle();
    expect(payCalls()).toHaveLength(1);
    expect(payCalls()[0]?.body).toEqual({ orderId: "order_42" });
    expect(navigate).toHaveBeenCalledExactlyOnceWith(PAY_URL);
  });

  it("keeps keyboard focus while loading (the button is never disabled)", async () => {
    const { button } = setup();
    button.focus();
    fireEvent.click(button);
    await settle();
    expect(document.activeElement).toBe(button);
    expect(button.hasAttribute("disabled")).toBe(false);
    expect(button.getAttribute("aria-disabled")).toBe("true");
  });

  it("creates one invoice however many clicks, key repeats or re-renders follow", async () => {
    const { button, payCalls, rerender } = setup({}, { delay: 50 });
    rerender();
    expect(payCalls()).toHaveLength(0);
    for (let i = 0; i < 5; i++) fireEvent.click(button);
    rerender({ className: "x" });
    await act(() => vi.advanceTimersByTimeAsync(50));
    for (let i = 0; i < 5; i++) fireEvent.click(button);
    await settle();
    expect(payCalls()).toHaveLength(1);
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it("creates one invoice per click under StrictMode too", async () => {
    const fetch = mockFetch({ pay: { payUrl: PAY_URL } });
    render(
      <StrictMode>
        <LigdicashProvider fetch={fetch}>
          <PayButton orderId="order_42" />
        </LigdicashProvider>
      </StrictMode>,
    );
    fireEvent.click(screen.getByRole("button"));
    fireEvent.click(screen.getByRole("button"));
    await settle();
    expect(fetch.calls).toHaveLength(1);
  });

  it("keeps the label change audible: busy is said by the label, not aria-busy (defect 7)", async () => {
    const { button } = setup({}, { delay: 100 });
    fireEvent.click(button);
    // aria-busy would make screen readers hold back the new label until it is gone.
    expect(button.hasAttribute("aria-busy")).toBe(false);
    expect(button.textContent).toBe("Paiement en cours…");
    await settle();
  });

  it("tells the shop the payment page's address just before going there", async () => {
    const onBeforeRedirect = vi.fn(() => expect(navigate).not.toHaveBeenCalled());
    const { button } = setup({ onBeforeRedirect });
    fireEvent.click(button);
    await settle();
    expect(onBeforeRedirect).toHaveBeenCalledExactlyOnceWith(PAY_URL);
    expect(navigate).toHaveBeenCalledWith(PAY_URL);
  });

  it("comes back to idle when leaving was cancelled, and goes to the same page again (defect 3)", async () => {
    const { button, payCalls } = setup();
    fireEvent.click(button);
    await settle();
    expect(navigate).toHaveBeenCalledTimes(1);
    // A "leave this page?" prompt was answered no: the page is still here.
    await act(() => vi.advanceTimersByTimeAsync(4999));
    expect(button.dataset.state).toBe("loading");
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(button.dataset.state).toBe("idle");
    fireEvent.click(button);
    await settle();
    expect(navigate).toHaveBeenLastCalledWith(PAY_URL);
    expect(navigate).toHaveBeenCalledTimes(2);
    expect(payCalls()).toHaveLength(1);
  });

  it("goes to a cancelled redirect's page again only for that order, and not after the back/forward cache", async () => {
    const { button, payCalls, rerender } = setup(
      {},
      { pay: [{ payUrl: PAY_URL }, { payUrl: `${PAY_URL}_43` }, { payUrl: `${PAY_URL}_43b` }] },
    );
    fireEvent.click(button);
    await act(() => vi.advanceTimersByTimeAsync(5000));
    // Another order: its own invoice, never the first order's page.
    rerender({ orderId: "order_43" });
    fireEvent.click(button);
    await settle();
    expect(payCalls()).toHaveLength(2);
    expect(payCalls()[1]?.body).toEqual({ orderId: "order_43" });
    expect(navigate).toHaveBeenLastCalledWith(`${PAY_URL}_43`);
    await act(() => vi.advanceTimersByTimeAsync(5000));
    // Back from the payment page after all: it may be paid by now, the server is asked.
    act(() => {
      window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
    });
    fireEvent.click(button);
    await settle();
    expect(payCalls()).toHaveLength(3);
    expect(navigate).toHaveBeenLastCalledWith(`${PAY_URL}_43b`);
  });

  it("works again when the page comes back from the back/forward cache", async () => {
    const { button, payCalls } = setup();
    fireEvent.click(button);
    await settle();
    expect(button.dataset.state).toBe("loading");
    act(() => {
      window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
    });
    expect(button.dataset.state).toBe("idle");
    fireEvent.click(button);
    await settle();
    // The order may be paid by now: the server is asked again.
    expect(payCalls()).toHaveLength(2);
  });

  it("ends each redirect on its own clock: an earlier one's 5 s never end the next", async () => {
    const { button } = setup();
    fireEvent.click(button);
    await settle();
    await act(() => vi.advanceTimersByTimeAsync(3000));
    act(() => {
      window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
    });
    fireEvent.click(button);
    await settle();
    expect(navigate).toHaveBeenCalledTimes(2);
    // The first redirect's 5 s are over; the second one's are not.
    await act(() => vi.advanceTimersByTimeAsync(4000));
    expect(button.dataset.state).toBe("loading");
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(button.dataset.state).toBe("idle");
  });

  it("lets the shop's onClick cancel the payment", async () => {
    const onClick = vi.fn((e: { preventDefault(): void }) => e.preventDefault());
    const { button, fetch } = setup({ onClick });
    fireEvent.click(button);
    await settle();
    expect(onClick).toHaveBeenCalledOnce();
    expect(fetch.calls).toHaveLength(0);
  });
});

describe("PayButton: errors", () => {
  it.each([
    ["ORDER_NOT_FOUND", 404, "Commande introuvable."],
    ["ALREADY_PAID", 409, "Commande déjà payée."],
    ["LIGDICASH_UNAVAILABLE", 503, "LigdiCash est indisponible. Réessayez plus tard."],
    ["LIGDICASH_AUTH_FAILED", 502, "Paiement refusé par LigdiCash."],
    ["INTERNAL_ERROR", 500, "Une erreur est survenue. Réessayez."],
  ])("shows %s as a clear message, announced, never the code", async (code, httpStatus, text) => {
    const onError = vi.fn();
    const { button } = setup({ onError }, { pay: { error: code, httpStatus } });
    fireEvent.click(button);
    await settle();
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toBe(text);
    expect(button.dataset.state).toBe("error");
    expect(button.getAttribute("aria-describedby")).toBe(alert.id);
    expect(alert.id).not.toBe("");
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code, status: httpStatus }));
    expect(navigate).not.toHaveBeenCalled();
  });

  it("adds its error to the shop's own aria-describedby instead of replacing it (defect 7)", async () => {
    const { button } = setup(
      { "aria-describedby": "terms" },
      { pay: { error: "LIGDICASH_UNAVAILABLE", httpStatus: 503 } },
    );
    expect(button.getAttribute("aria-describedby")).toBe("terms");
    fireEvent.click(button);
    await settle();
    const ids = button.getAttribute("aria-describedby")?.split(" ");
    expect(ids).toEqual(["terms", screen.getByRole("alert").id]);
  });

  it("speaks the active locale", async () => {
    const { button } = setup({}, { pay: "network-error" }, "en");
    fireEvent.click(button);
    await settle();
    expect(screen.getByRole("alert").textContent).toBe("No internet connection. Try again.");
  });

  it("recovers: the next click tries again and clears the message", async () => {
    const { button, payCalls } = setup(
      {},
      { pay: [{ error: "LIGDICASH_UNAVAILABLE", httpStatus: 503 }, { payUrl: PAY_URL }] },
    );
    fireEvent.click(button);
    await settle();
    expect(screen.getByRole("alert")).toBeTruthy();
    fireEvent.click(button);
    expect(screen.queryByRole("alert")).toBeNull();
    await settle();
    expect(payCalls()).toHaveLength(2);
    expect(navigate).toHaveBeenCalledWith(PAY_URL);
  });

  it("treats ALREADY_PAID as paid when the shop listens for onPaid", async () => {
    const onPaid = vi.fn();
    const onError = vi.fn();
    const { button } = setup(
      { onPaid, onError },
      { pay: { error: "ALREADY_PAID", httpStatus: 409 } },
    );
    fireEvent.click(button);
    await settle();
    expect(onPaid).toHaveBeenCalledWith("order_42");
    expect(onError).not.toHaveBeenCalled();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(button.dataset.state).toBe("idle");
  });

  it("aborts the request when unmounted, and goes nowhere", async () => {
    const { button, fetch, unmount } = setup({}, { delay: Infinity });
    fireEvent.click(button);
    unmount();
    await settle();
    expect(fetch.calls[0]?.signal?.aborted).toBe(true);
    expect(navigate).not.toHaveBeenCalled();
  });
});
