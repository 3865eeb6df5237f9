// @vitest-environment node
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

describe("server rendering", () => {
  it("runs where there is no window, document, navigator or location", () => {
    expect(typeof window).toBe("undefined");
    expect(typeof document).toBe("undefined");
    expect(typeof location).toBe("undefined");
  });

  it("imports and renders every component without touching the network", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    vi.stubGlobal("fetch", fetch);
    const { LigdicashProvider, PayButton, ReturnPage } = await import("./index");
    const html = renderToString(
      <LigdicashProvider>
        <PayButton orderId="order_42" amount={15000} className="pay" />
        <ReturnPage />
        <ReturnPage orderId="order_42" cancelled />
      </LigdicashProvider>,
    );
    expect(html.replace(/\s/g, " ")).toContain("Payer 15 000 F CFA");
    expect(html).toContain('data-state="idle"');
    expect(html).toContain('class="pay"');
    // The URL is unknown on the server: the page renders "checking" and decides in the browser.
    expect(html).toContain('data-state="checking"');
    expect(html).toContain("Vérification du paiement…");
    expect(html).toContain('data-state="cancelled"');
    expect(fetch).not.toHaveBeenCalled();
  });

  it("renders without a provider, in English with one", async () => {
    const { LigdicashProvider, PayButton, en } = await import("./index");
    expect(renderToString(<PayButton orderId="o" />)).toContain(">Payer<");
    const english = renderToString(
      <LigdicashProvider locale="en" messages={en}>
        <PayButton orderId="o" />
      </LigdicashProvider>,
    );
    expect(english).toContain(">Pay<");
  });
});
