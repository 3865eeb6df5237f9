import type { OrderView, Product } from "@ligdicash-kit/example-shop-common";
import { render } from "@testing-library/react";
import { StrictMode, type ReactNode } from "react";
import { vi } from "vitest";
import { LocaleProvider } from "../i18n";

export const product: Product = {
  id: "karite",
  name: { fr: "Beurre de karité", en: "Shea butter" },
  tagline: { fr: "Fait main", en: "Handmade" },
  description: { fr: "Pur.", en: "Pure." },
  details: { fr: ["250 g"], en: ["250 g"] },
  price: 5_000,
  image: "/images/karite.svg",
};

/** An order as the shop's API returns it; awaiting payment unless told otherwise. */
export function anOrder(overrides: Partial<OrderView> = {}): OrderView {
  return {
    id: "ord_k3J9x2QaZZZZZZZZZZZZZZZZ",
    status: "awaiting_payment",
    delivered: false,
    items: [{ productId: product.id, name: product.name, quantity: 1, unitPrice: product.price }],
    amount: product.price,
    currency: "XOF",
    operator: null,
    createdAt: "2025-01-10T10:00:00.000Z",
    paidAt: null,
    deliveredAt: null,
    ...overrides,
  };
}

export const paidAndDelivered = (): Partial<OrderView> => ({
  status: "paid",
  delivered: true,
  operator: "ORANGE BURKINA",
  paidAt: "2025-01-10T10:02:00.000Z",
  deliveredAt: "2025-01-10T10:02:00.000Z",
});

/** Renders in French, in StrictMode as the storefront does (effects run twice on mount). */
export function renderPage(ui: ReactNode) {
  return render(
    <StrictMode>
      <LocaleProvider>{ui}</LocaleProvider>
    </StrictMode>,
  );
}

interface PendingCall {
  url: string;
  init: RequestInit | undefined;
  respond(status: number, body: unknown): void;
}

/**
 * A `fetch` whose answers the test gives, one call at a time; like the real one, it rejects with
 * an AbortError once its signal aborts.
 */
export function controlledFetch() {
  const calls: PendingCall[] = [];
  const fetch = vi.fn((input: string, init?: RequestInit) => {
    return new Promise<Response>((resolve, reject) => {
      const signal = init?.signal;
      const abort = () => reject(new DOMException("aborted", "AbortError"));
      if (signal?.aborted) return abort();
      signal?.addEventListener("abort", abort);
      calls.push({
        url: input,
        init,
        respond: (status, body) =>
          resolve(
            new Response(JSON.stringify(body), {
              status,
              headers: { "content-type": "application/json" },
            }),
          ),
      });
    });
  });
  vi.stubGlobal("fetch", fetch);
  return {
    calls,
    /** The newest call still waiting for its answer. */
    last: (): PendingCall => {
      const call = calls.at(-1);
      if (!call) throw new Error("no request was made");
      return call;
    },
  };
}
