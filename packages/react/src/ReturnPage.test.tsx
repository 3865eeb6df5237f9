import { act, fireEvent, render, screen } from "@testing-library/react";
import { StrictMode } from "react";
import type { ReactNode } from "react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { LigdicashProvider } from "./LigdicashProvider";
import { en } from "./messages";
import type { Locale } from "./messages";
import { navigate } from "./navigate";
import { ReturnPage } from "./ReturnPage";
import type { ReturnPageProps } from "./ReturnPage";
import { mockFetch } from "./testing/mockFetch";
import type { MockServerOptions } from "./testing/mockFetch";

vi.mock("./navigate", () => ({ navigate: vi.fn() }));

function setup(
  props: ReturnPageProps = {},
  server: MockServerOptions = {},
  { locale = "fr", strict = false }: { locale?: Locale; strict?: boolean } = {},
) {
  const fetch = mockFetch(server);
  const tree = (children: ReactNode) => (
    <LigdicashProvider fetch={fetch} locale={locale} messages={locale === "en" ? en : undefined}>
      {children}
    </LigdicashProvider>
  );
  const view = render(
    strict ? (
      <StrictMode>{tree(<ReturnPage {...props} />)}</StrictMode>
    ) : (
      tree(<ReturnPage {...props} />)
    ),
  );
  return {
    fetch,
    region: () => screen.getByRole("status"),
    unmount: view.unmount,
    statusCalls: () => fetch.calls.filter((call) => call.url.includes("/status/")),
  };
}

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const visit = (search: string) => window.history.replaceState(null, "", `/payment/return${search}`);

beforeEach(() => {
  vi.useFakeTimers();
  visit("?order=order_42");
});
afterEach(() => {
  vi.useRealTimers();
  visit("");
});

describe("ReturnPage: states", () => {
  it("checks the order named by ?order= until the server says paid", async () => {
    const { region, statusCalls } = setup({}, { statuses: ["pending", "paid"] });
    expect(region().dataset.state).toBe("checking");
    expect(region().textContent).toBe("Vérification du paiement…");
    await advance(0);
    expect(statusCalls()[0]?.url).toBe("/api/ligdicash/status/order_42?wait=25");
    await advance(2000);
    expect(region().dataset.state).toBe("paid");
    expect(region().querySelector("p")?.textContent).toBe("Paiement confirmé. Merci !");
    expect(region().dataset.ligdicash).toBe("return");
  });

  it("shows paid the moment a waiting server learns it", async () => {
    const { region, fetch, statusCalls } = setup({}, { wait: true });
    await advance(10_000);
    expect(region().dataset.state).toBe("checking");
    expect(statusCalls()).toHaveLength(1);
    act(() => fetch.settle("paid"));
    await advance(0);
    expect(region().dataset.state).toBe("paid");
  });

  it("offers a way onward once paid: a link the shop points anywhere (issue 9)", async () => {
    const { region } = setup({ continueHref: "/orders/order_42" }, { statuses: ["paid"] });
    await advance(0);
    const link = screen.getByRole("link", { name: "Continuer mes achats" });
    expect(link.getAttribute("href")).toBe("/orders/order_42");
    expect(region().contains(link)).toBe(true);
  });

  it("links back to the shop's home by default", async () => {
    setup({}, { statuses: ["paid"] });
    await advance(0);
    expect(screen.getByRole("link").getAttribute("href")).toBe("/");
  });

  it("prefers the orderId prop over the URL", async () => {
    const { statusCalls } = setup({ orderId: "order 7/b" });
    await advance(0);
    expect(statusCalls()[0]?.url).toBe("/api/ligdicash/status/order%207%2Fb?wait=25");
  });

  it("never believes the URL: a forged status in it changes nothing", async () => {
    visit("?order=order_42&status=paid&paid=1");
    const { region } = setup({}, { statuses: ["pending"] });
    await advance(10_000);
    expect(region().dataset.state).toBe("checking");
  });

  it("shows a failed payment with a retry that starts a new payment", async () => {
    const { region, fetch } = setup({}, { statuses: ["failed"] });
    await advance(0);
    expect(region().dataset.state).toBe("failed");
    expect(region().textContent).toContain("Le paiement a échoué.");
    fireEvent.click(screen.getByRole("button", { name: "Réessayer" }));
    await advance(0);
    expect(fetch.calls.at(-1)).toMatchObject({ method: "POST", body: { orderId: "order_42" } });
    expect(navigate).toHaveBeenCalledWith(expect.stringMatching(/^https:\/\//));
  });

  it("re-checks when the retry finds the order paid meanwhile", async () => {
    const { region } = setup(
      {},
      { statuses: ["failed", "paid"], pay: { error: "ALREADY_PAID", httpStatus: 409 } },
    );
    await advance(0);
    fireEvent.click(screen.getByRole("button", { name: "Réessayer" }));
    await advance(2000); // the re-check comes 2 s after the last one
    expect(region().dataset.state).toBe("paid");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says 'still being confirmed' when the time budget runs out, with a way to check again", async () => {
    const { region, statusCalls } = setup(
      { timeout: 5000 },
      { statuses: ["pending", "pending", "pending", "paid"] },
    );
    await advance(5000);
    expect(region().dataset.state).toBe("pending");
    expect(region().textContent).toContain("Paiement en attente de confirmation.");
    const calls = statusCalls().length;
    await advance(60_000);
    expect(statusCalls()).toHaveLength(calls);
    fireEvent.click(screen.getByRole("button", { name: "Vérifier à nouveau" }));
    expect(region().dataset.state).toBe("checking");
    await advance(0);
    expect(region().dataset.state).toBe("paid");
  });

  it("keeps keyboard focus in the page when 'check again' goes away", async () => {
    const { region } = setup({ timeout: 1000 }, { statuses: ["pending", "pending", "paid"] });
    await advance(2000);
    const button = screen.getByRole("button", { name: "Vérifier à nouveau" });
    button.focus();
    fireEvent.click(button);
    expect(screen.queryByRole("button")).toBeNull();
    expect(document.activeElement).toBe(region());
    await advance(2000);
    expect(region().dataset.state).toBe("paid");
    expect(document.activeElement).toBe(region());
  });

  it("shows the cancel URL as cancelled, yet keeps asking the server", async () => {
    visit("?order=order_42&cancelled=1");
    const { region } = setup({}, { statuses: ["pending", "paid"] });
    await advance(0);
    expect(region().dataset.state).toBe("cancelled");
    expect(region().textContent).toContain("Paiement annulé.");
    expect(screen.getByRole("button", { name: "Réessayer" })).toBeTruthy();
    await advance(2000);
    expect(region().dataset.state).toBe("paid");
  });

  it("shows server errors in words, with a way to check again", async () => {
    const { region, statusCalls } = setup(
      {},
      { statuses: [{ error: "ORDER_NOT_FOUND", httpStatus: 404 }] },
    );
    await advance(0);
    expect(region().dataset.state).toBe("error");
    expect(region().textContent).toContain("Commande introuvable.");
    expect(region().textContent).not.toContain("ORDER_NOT_FOUND");
    await advance(60_000);
    expect(statusCalls()).toHaveLength(1);
    expect(screen.getByRole("button", { name: "Vérifier à nouveau" })).toBeTruthy();
  });

  it("keeps checking through network failures and reports them only at the end of the budget", async () => {
    const { region } = setup({ timeout: 4000 }, { statuses: ["network-error"] });
    await advance(2000);
    expect(region().dataset.state).toBe("checking");
    await advance(3000);
    expect(region().dataset.state).toBe("error");
    expect(region().textContent).toContain("Pas de connexion internet.");
  });

  it.each([408, 429])(
    "keeps asking after a %i instead of showing an error (defect 2)",
    async (httpStatus) => {
      const { region } = setup({}, { statuses: [{ error: "SLOW_DOWN", httpStatus }, "paid"] });
      await advance(0);
      expect(region().dataset.state).toBe("checking");
      await advance(2000);
      expect(region().dataset.state).toBe("paid");
    },
  );

  it("waits as long as a 503's Retry-After says before asking again (defect 2)", async () => {
    const { statusCalls } = setup(
      {},
      { statuses: [{ error: "LIGDICASH_UNAVAILABLE", httpStatus: 503, retryAfter: "30" }, "paid"] },
    );
    await advance(29_999);
    expect(statusCalls()).toHaveLength(1);
    await advance(1);
    expect(statusCalls()).toHaveLength(2);
  });

  it("reads a Retry-After given as an HTTP date (defect 8)", async () => {
    vi.setSystemTime(new Date("2026-01-05T10:00:00Z"));
    const { statusCalls } = setup(
      {},
      {
        statuses: [
          { error: "SLOW_DOWN", httpStatus: 503, retryAfter: "Mon, 05 Jan 2026 10:00:20 GMT" },
          "paid",
        ],
      },
    );
    await advance(19_999);
    expect(statusCalls()).toHaveLength(1);
    await advance(1);
    expect(statusCalls()).toHaveLength(2);
  });

  it("reports a return URL without an order, without asking the server", async () => {
    visit("");
    const { region, fetch } = setup();
    await advance(10_000);
    expect(region().dataset.state).toBe("error");
    expect(region().textContent).toBe("Commande introuvable.");
    expect(screen.queryByRole("button")).toBeNull();
    expect(fetch.calls).toHaveLength(0);
  });

  it("speaks English when asked", async () => {
    const { region } = setup({}, { statuses: ["paid"] }, { locale: "en" });
    expect(region().textContent).toBe("Checking your payment…");
    await advance(0);
    expect(region().textContent).toBe("Payment confirmed. Thank you!Continue shopping");
  });

  it.each([
    ["an SPA catch-all's index.html", 200],
    ["a 404 page", 404],
  ])(
    "shows an error, never an endless spinner, when %s answers instead of the kit (issue 9)",
    async (_, html) => {
      const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
      const { region, statusCalls } = setup({}, { statuses: [{ html }] });
      await advance(0);
      expect(region().dataset.state).toBe("error");
      expect(region().textContent).toContain("Une erreur est survenue.");
      await advance(60_000);
      expect(statusCalls()).toHaveLength(1);
      expect(consoleError).toHaveBeenCalledOnce();
      expect(String(consoleError.mock.calls[0]?.[0])).toMatch(/shadowed/);
    },
  );
});

describe("ReturnPage: customising", () => {
  it("replaces one state's UI with a slot element, keeping the defaults for the rest", async () => {
    const { region } = setup(
      { slots: { paid: <strong>Merci Aminata</strong> } },
      { statuses: ["pending", "paid"] },
    );
    await advance(0);
    expect(region().textContent).toBe("Vérification du paiement…");
    await advance(2000);
    expect(region().innerHTML).toBe("<strong>Merci Aminata</strong>");
  });

  it("passes the view to a slot function", async () => {
    const slot = vi.fn(
      ({ orderId, state }: { orderId?: string; state: string }) => `${state}:${orderId}`,
    );
    const { region } = setup({ slots: { failed: slot } }, { statuses: ["failed"] });
    await advance(0);
    expect(region().textContent).toBe("failed:order_42");
    expect(slot).toHaveBeenLastCalledWith(
      expect.objectContaining({
        state: "failed",
        orderId: "order_42",
        refresh: expect.any(Function) as unknown,
      }),
    );
  });

  it("takes a class name and stays a (polite) status region", () => {
    const { region } = setup({ className: "receipt" });
    expect(region().className).toBe("receipt");
    expect(region().getAttribute("role")).toBe("status");
  });

  it("puts no alert inside its status region: the retry's error is read out by the region (defect 7)", async () => {
    const { region } = setup(
      {},
      { statuses: ["failed"], pay: { error: "LIGDICASH_UNAVAILABLE", httpStatus: 503 } },
    );
    await advance(0);
    fireEvent.click(screen.getByRole("button", { name: "Réessayer" }));
    await advance(0);
    expect(region().textContent).toContain("LigdiCash est indisponible.");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(region().querySelector("[role=alert]")).toBeNull();
  });
});

describe("ReturnPage: callbacks", () => {
  it("calls onStateChange for each state, and onPaid once", async () => {
    const onStateChange = vi.fn();
    const onPaid = vi.fn();
    const onFailed = vi.fn();
    setup({ onStateChange, onPaid, onFailed }, { statuses: ["pending", "paid"] }, { strict: true });
    await advance(2000);
    expect(onStateChange.mock.calls).toEqual([["checking"], ["paid"]]);
    expect(onPaid).toHaveBeenCalledExactlyOnceWith("order_42");
    expect(onFailed).not.toHaveBeenCalled();
  });

  it("calls onFailed when the payment failed, and reports the cancel URL as cancelled", async () => {
    visit("?order=order_42&cancelled=1");
    const onStateChange = vi.fn();
    const onFailed = vi.fn();
    setup({ onStateChange, onFailed }, { statuses: ["pending", "failed"] });
    await advance(2000);
    expect(onStateChange.mock.calls).toEqual([["cancelled"], ["failed"]]);
    expect(onFailed).toHaveBeenCalledExactlyOnceWith("order_42");
  });
});

describe("ReturnPage: one poller per order", () => {
  it("asks once under StrictMode", async () => {
    const { statusCalls } = setup({}, { statuses: ["pending"] }, { strict: true });
    await advance(0);
    expect(statusCalls()).toHaveLength(1);
    await advance(2000);
    expect(statusCalls()).toHaveLength(2);
  });

  it("shares one poller between components showing the same order", async () => {
    const fetch = mockFetch({ statuses: ["pending", "paid"] });
    render(
      <LigdicashProvider fetch={fetch}>
        <ReturnPage />
        <ReturnPage orderId="order_42" />
      </LigdicashProvider>,
    );
    await advance(0);
    expect(fetch.calls).toHaveLength(1);
    await advance(2000);
    expect(fetch.calls).toHaveLength(2);
    expect(screen.getAllByRole("status").map((el) => el.dataset.state)).toEqual(["paid", "paid"]);
  });

  it("gives each component its own time budget (defect 8)", async () => {
    const fetch = mockFetch({ statuses: ["pending"] });
    render(
      <LigdicashProvider fetch={fetch}>
        <ReturnPage timeout={60_000} className="long" />
        <ReturnPage timeout={5000} className="short" />
      </LigdicashProvider>,
    );
    const state = (name: string) => document.querySelector<HTMLElement>(`.${name}`)?.dataset.state;
    await advance(5000);
    expect(state("short")).toBe("pending");
    expect(state("long")).toBe("checking");
    const calls = fetch.calls.length;
    await advance(10_000);
    expect(fetch.calls.length).toBeGreaterThan(calls);
    await advance(45_000);
    expect(state("long")).toBe("pending");
  });

  it("keeps its pace and budget when the provider re-renders with new props", async () => {
    const fetch = mockFetch({ statuses: ["pending"] });
    const app = (n: number) => (
      <LigdicashProvider fetch={fetch} messages={{ checking: `Vérification ${n}` }}>
        <ReturnPage timeout={5000} />
      </LigdicashProvider>
    );
    const view = render(app(0));
    await advance(0);
    for (let n = 1; n <= 5; n++) {
      view.rerender(app(n));
      await advance(100);
    }
    expect(fetch.calls).toHaveLength(1);
    await advance(4500);
    expect(screen.getByRole("status").dataset.state).toBe("pending");
  });

  it("aborts its request and stops when unmounted", async () => {
    const { fetch, unmount } = setup({}, { delay: Infinity });
    await advance(0);
    unmount();
    await advance(0);
    expect(fetch.calls[0]?.signal?.aborted).toBe(true);
    await advance(60_000);
    expect(fetch.calls).toHaveLength(1);
  });
});

describe("ReturnPage: inside the payment popup", () => {
  // The opener is woken by code loaded on demand: loaded once here, it is at hand.
  beforeAll(async () => {
    await import("./watch.js");
  });
  afterEach(() => {
    Reflect.deleteProperty(window, "opener");
  });

  it("wakes a same-origin opener with a message naming the order", async () => {
    const postMessage = vi.fn();
    Object.defineProperty(window, "opener", {
      configurable: true,
      value: { location: { origin: location.origin }, postMessage },
    });
    setup({}, { statuses: ["pending"] });
    await advance(0);
    expect(postMessage).toHaveBeenCalledWith({ ligdicash: "order_42" }, location.origin);
  });

  it("leaves a cross-origin opener alone", async () => {
    const postMessage = vi.fn();
    const opener = {
      get location(): Location {
        throw new DOMException("cross-origin", "SecurityError");
      },
      postMessage,
    };
    Object.defineProperty(window, "opener", { configurable: true, value: opener });
    const { region } = setup({}, { statuses: ["paid"] });
    await advance(0);
    expect(region().dataset.state).toBe("paid");
    expect(postMessage).not.toHaveBeenCalled();
  });
});
