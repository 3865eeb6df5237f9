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
      "/shop/pay/status/order_42?wait=25",
      "/shop/pay/status/order_42?wait=25",
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
    expect(fetch.calls.map((call) => call.url.split("/").pop())).toEqual([
      "a?wait=25",
      "b?wait=25",
    ]);
  });

  it("settles on pending when its budget runs out, and asks no more", async () => {
    const { fetch, wrapper: Wrapper } = wrapper({ statuses: ["pending"] });
    const { result } = renderHook(() => usePaymentStatus("o", { timeout: 5000 }), {
      wrapper: Wrapper,
    });
    await advance(4999);
    expect(result.current.state).toBe("checking");
    await advance(1);
    expect(result.current.state).toBe("pending");
    const calls = fetch.calls.length;
    await advance(60_000);
    expect(fetch.calls).toHaveLength(calls);
  });

  it("reports the error that kept the answer away when the budget runs out", async () => {
    const { wrapper: Wrapper } = wrapper({ statuses: ["network-error"] });
    const { result } = renderHook(() => usePaymentStatus("o", { timeout: 5000 }), {
      wrapper: Wrapper,
    });
    await advance(2000);
    expect(result.current).toMatchObject({ state: "checking", error: { code: "NETWORK_ERROR" } });
    await advance(3000);
    expect(result.current).toMatchObject({ state: "error", error: { code: "NETWORK_ERROR" } });
  });

  it("asks again with refresh() after the budget ran out, with a new budget", async () => {
    const { fetch, wrapper: Wrapper } = wrapper({ statuses: ["pending"] });
    const { result } = renderHook(() => usePaymentStatus("o", { timeout: 1000 }), {
      wrapper: Wrapper,
    });
    await advance(1000);
    expect(result.current.state).toBe("pending");
    act(() => result.current.refresh());
    expect(result.current.state).toBe("checking");
    await advance(999); // never two checks within 2 s
    expect(fetch.calls).toHaveLength(1);
    expect(result.current.state).toBe("checking");
    await advance(1);
    expect(fetch.calls).toHaveLength(2);
    expect(result.current.state).toBe("pending");
  });
});

describe("usePay", () => {
  it("returns the same functions on every render", () => {
    const { wrapper: Wrapper } = wrapper({});
    const { result, rerender } = renderHook(({ mode }) => usePay({ mode, onPaid: () => {} }), {
      wrapper: Wrapper,
      initialProps: { mode: "redirect" as "redirect" | "popup" },
    });
    const { pay, payAsync } = result.current;
    rerender({ mode: "popup" });
    expect(result.current.pay).toBe(pay);
    expect(result.current.payAsync).toBe(payAsync);
  });

  it("payAsync rejects with the error shown, and a second call shares the payment", async () => {
    const { fetch, wrapper: Wrapper } = wrapper({
      pay: { error: "LIGDICASH_UNAVAILABLE", httpStatus: 503 },
      delay: 10,
    });
    const { result } = renderHook(() => usePay(), { wrapper: Wrapper });
    let first: Promise<unknown> | undefined;
    let second: Promise<unknown> | undefined;
    act(() => {
      first = result.current.payAsync("order_42");
      second = result.current.payAsync("order_42");
    });
    expect(second).toBe(first);
    const failure = expect(first).rejects.toMatchObject({ code: "LIGDICASH_UNAVAILABLE" });
    await advance(10);
    await failure;
    expect(fetch.calls).toHaveLength(1);
    expect(result.current.state).toBe("error");
  });

  it("payAsync resolves paid when the server answers ALREADY_PAID to a shop that listens", async () => {
    const { wrapper: Wrapper } = wrapper({ pay: { error: "ALREADY_PAID", httpStatus: 409 } });
    const onPaid = vi.fn();
    const { result } = renderHook(() => usePay({ onPaid }), { wrapper: Wrapper });
    let outcome: Promise<unknown> | undefined;
    act(() => {
      outcome = result.current.payAsync("order_42");
    });
    await advance(0);
    await expect(outcome).resolves.toBe("paid");
    expect(onPaid).toHaveBeenCalledWith("order_42");
  });

  it("payAsync rejects with an AbortError when the component goes away first", async () => {
    const { wrapper: Wrapper } = wrapper({ delay: Infinity });
    const { result, unmount } = renderHook(() => usePay(), { wrapper: Wrapper });
    let outcome: Promise<unknown> | undefined;
    act(() => {
      outcome = result.current.payAsync("order_42");
    });
    unmount();
    await expect(outcome).rejects.toMatchObject({ name: "AbortError" });
  });

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
