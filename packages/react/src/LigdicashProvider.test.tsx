import { render, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { LigdicashProvider, useLigdicash } from "./LigdicashProvider";
import { en, fr } from "./messages";
import { PayButton } from "./PayButton";

describe("LigdicashProvider", () => {
  it("defaults to French and /api/ligdicash, and trims a trailing slash off basePath", () => {
    expect(renderHook(() => useLigdicash()).result.current).toMatchObject({
      basePath: "/api/ligdicash",
      locale: "fr",
      messages: fr,
    });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <LigdicashProvider basePath="/shop/pay//" messages={{ pay: "Acheter" }}>
        {children}
      </LigdicashProvider>
    );
    expect(renderHook(() => useLigdicash(), { wrapper }).result.current).toMatchObject({
      basePath: "/shop/pay",
      messages: { ...fr, pay: "Acheter" },
    });
  });

  it("speaks English with its texts, imported only by shops that use them", () => {
    const consoleError = vi.spyOn(console, "error");
    const { getByRole } = render(
      <LigdicashProvider locale="en" messages={en}>
        <PayButton orderId="o" amount={15000} />
      </LigdicashProvider>,
    );
    expect(getByRole("button").textContent?.replace(/\s/g, " ")).toBe("Pay F CFA 15,000");
    expect(consoleError).not.toHaveBeenCalled();
  });

  it("says once, in development, that locale='en' alone formats amounts only", () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const app = (
      <LigdicashProvider locale="en">
        <PayButton orderId="o" />
      </LigdicashProvider>
    );
    const view = render(app);
    view.rerender(app);
    expect(consoleError).toHaveBeenCalledOnce();
    expect(String(consoleError.mock.calls[0]?.[0])).toContain(
      'import { en } from "@ligdicash-kit/react"',
    );
  });
});
