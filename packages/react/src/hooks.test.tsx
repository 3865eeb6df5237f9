import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LigdicashProvider } from "./LigdicashProvider";
import { navigate } from "./navigate";
import { mockFetch } from "./testing/mockFetch";
import type { MockServerOptions } from "./testing/mockFetch";
import { usePay } from "./usePay";
import { usePaymentStatus } from "./usePaymentStatus";

vi.mock("./navigate", () => ({ navigate: vi.fn() }));

function wrapper(server: MockServerOptions, basePath?: string) {
  const fetch = mockFetch(server);
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <LigdicashProvider fetch={fetch} basePath={basePath}>
      {children}
    </LigdicashProvider>
  );
  return { fetch, wrapper: Wrapper };
}

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("usePaymentStatus", () => {
  it("polls the given order for headless UIs", async () => {
    const { fetch, wrapper: Wrapper } = wrapper({ statuses: ["pending", "failed"] }, "/shop/pay/");
    const { result } = renderHook(() => usePaymentStatus("order_42"), { wrapper: Wrapper });
    expect(result.current.state).toBe("checking");
    await advance(2000);
    expect(result.current.state).toBe("failed");
    expect(fetch.calls.map((call) => call.url)).toEqual([
      "/shop/pay/status/order_42",
      "/shop/pay/status/order_42",
    ]);
  });

  it("follows a change of order", async () => {
    const { fetch, wrapper: Wrapper } = wrapper({ statuses: ["paid"] });
    const { result, rerender } = renderHook(({ id }) => usePaymentStatus(id), {
      wrapper: Wrapper,
      initialProps: { id: "a" },
    });
    await advance(0);
    rerender({ id: "b" });
    expect(result.current.state).toBe("checking");
    await advance(0);
    expect(result.current.state).toBe("paid");
    expect(fetch.calls.map((call) => call.url.split("/").pop())).toEqual(["a", "b"]);
  });

  it("restarts with refresh() after the budget ran out", async () => {
    const { fetch, wrapper: Wrapper } = wrapper({ statuses: ["pending"] });
    const { result } = renderHook(() => usePaymentStatus("o", { timeout: 0 }), {
      wrapper: Wrapper,
    });
    await advance(0);
    expect(result.current.state).toBe("pending");
    act(() => result.current.refresh());
    expect(result.current.state).toBe("checking");
    await advance(1999); // never two checks within 2 s
    expect(fetch.calls).toHaveLength(1);
    await advance(1);
    expect(fetch.calls).toHaveLength(2);
  });
});

describe("usePay", () => {
  it("drives a custom button", async () => {
    const { fetch, wrapper: Wrapper } = wrapper({ pay: { payUrl: "https://pay.test/x" } });
    const { result } = renderHook(() => usePay(), { wrapper: Wrapper });
    expect(result.current.state).toBe("idle");
    act(() => result.current.pay("order_42"));
    expect(result.current.state).toBe("loading");
    await advance(0);
    expect(navigate).toHaveBeenCalledWith("https://pay.test/x");
    expect(fetch.calls).toHaveLength(1);
  });

  it("calls the latest callbacks, even when they changed mid-payment", async () => {
    const { wrapper: Wrapper } = wrapper({
      pay: { error: "ORDER_NOT_FOUND", httpStatus: 404 },
      delay: 10,
    });
    const first = vi.fn();
    const second = vi.fn();
    const { result, rerender } = renderHook(({ onError }) => usePay({ onError }), {
      wrapper: Wrapper,
      initialProps: { onError: first },
    });
    act(() => result.current.pay("o"));
    rerender({ onError: second });
    await advance(10);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith(expect.objectContaining({ code: "ORDER_NOT_FOUND" }));
    expect(result.current).toMatchObject({ state: "error", error: { code: "ORDER_NOT_FOUND" } });
  });
});
