import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoff, createPoller } from "./poller";
import { mockFetch } from "./testing/mockFetch";
import type { MockServerOptions } from "./testing/mockFetch";

let hidden = false;

beforeEach(() => {
  vi.useFakeTimers();
  hidden = false;
  Object.defineProperty(document, "hidden", { configurable: true, get: () => hidden });
});
afterEach(() => {
  vi.useRealTimers();
  Reflect.deleteProperty(document, "hidden");
});

function start(options: MockServerOptions, budgetMs = 180_000) {
  const fetch = mockFetch(options);
  const poller = createPoller({ basePath: "/api/ligdicash", fetch }, "order_1", budgetMs);
  const states: string[] = [];
  const unsubscribe = poller.subscribe(() => states.push(poller.get().state));
  return { fetch, poller, states, unsubscribe };
}

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe("status poller", () => {
  it("grows its delay from 2 s by half each time up to 10 s", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(backoff)).toEqual([
      2000, 3000, 4500, 6750, 10000, 10000, 10000,
    ]);
  });

  it("checks at once, then backs off, and keeps polling while pending", async () => {
    const { fetch } = start({ statuses: ["pending"] });
    await advance(0);
    expect(fetch.calls).toHaveLength(1);
    const callTimes = [2000, 3000, 4500, 6750, 10000, 10000];
    for (const delay of callTimes) {
      const before = fetch.calls.length;
      await advance(delay - 1);
      expect(fetch.calls).toHaveLength(before);
      await advance(1);
      expect(fetch.calls).toHaveLength(before + 1);
    }
  });

  it("never polls faster than the server's Retry-After hint", async () => {
    const { fetch } = start({ statuses: ["pending"], retryAfter: 7 });
    await advance(0);
    await advance(6999);
    expect(fetch.calls).toHaveLength(1);
    await advance(1);
    expect(fetch.calls).toHaveLength(2);
  });

  it.each(["paid", "failed"] as const)("stops for good once the order is %s", async (status) => {
    const { fetch, poller, states } = start({ statuses: ["pending", status] });
    await advance(2000);
    expect(poller.get()).toEqual({ state: status, error: undefined });
    expect(states).toEqual([status]);
    await advance(120_000);
    expect(fetch.calls).toHaveLength(2);
  });

  it("settles on pending when the time budget runs out, and can start a new round", async () => {
    const { fetch, poller } = start({ statuses: ["pending"] }, 10_000);
    await advance(9500); // checks at 0, 2 s, 5 s and 9.5 s
    expect(fetch.calls).toHaveLength(4);
    expect(poller.get().state).toBe("checking");
    await advance(6750); // the check after the deadline is the last one
    expect(fetch.calls).toHaveLength(5);
    expect(poller.get().state).toBe("pending");
    await advance(60_000);
    expect(fetch.calls).toHaveLength(5);

    poller.restart();
    expect(poller.get().state).toBe("checking");
    await advance(0);
    expect(fetch.calls).toHaveLength(6);
  });

  it("retries network failures quietly, and reports the error only when the budget is spent", async () => {
    const { poller } = start({ statuses: ["network-error"] }, 5000);
    await advance(2000);
    expect(poller.get().state).toBe("checking");
    await advance(3000);
    expect(poller.get()).toMatchObject({ state: "error", error: { code: "NETWORK_ERROR" } });
  });

  it("recovers when the network comes back before the budget is spent", async () => {
    const { poller } = start({ statuses: ["network-error", "html", "paid"] });
    await advance(5000);
    expect(poller.get().state).toBe("paid");
  });

  it("stops at once on an answer that asking again cannot change", async () => {
    const { fetch, poller } = start({
      statuses: [{ error: "ORDER_NOT_FOUND", httpStatus: 404 }],
    });
    await advance(0);
    expect(poller.get()).toMatchObject({ state: "error", error: { code: "ORDER_NOT_FOUND" } });
    await advance(60_000);
    expect(fetch.calls).toHaveLength(1);
  });

  it("pauses while the tab is hidden and checks again when it is shown", async () => {
    const { fetch } = start({ statuses: ["pending"] });
    await advance(0);
    hidden = true;
    await advance(60_000);
    expect(fetch.calls).toHaveLength(1);
    hidden = false;
    document.dispatchEvent(new Event("visibilitychange"));
    await advance(0);
    expect(fetch.calls).toHaveLength(2);
  });

  it("pauses while offline and checks again when back online", async () => {
    const onLine = vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    const { fetch } = start({ statuses: ["pending"] });
    await advance(30_000);
    expect(fetch.calls).toHaveLength(0);
    onLine.mockReturnValue(true);
    window.dispatchEvent(new Event("online"));
    await advance(0);
    expect(fetch.calls).toHaveLength(1);
  });

  it("never checks twice within 2 s, however often the tab is hidden, shown or back online", async () => {
    const { fetch } = start({ statuses: ["pending"] });
    await advance(0);
    for (let i = 0; i < 10; i++) {
      hidden = !hidden;
      document.dispatchEvent(new Event("visibilitychange"));
      window.dispatchEvent(new Event("online"));
      await advance(100);
    }
    expect(fetch.calls).toHaveLength(1);
    await advance(999);
    expect(fetch.calls).toHaveLength(1);
    await advance(1);
    expect(fetch.calls).toHaveLength(2);
  });

  it("waits 2 s after a failed check too before waking", async () => {
    const { fetch, poller } = start({ statuses: ["network-error"] });
    await advance(500);
    poller.wake();
    await advance(1499);
    expect(fetch.calls).toHaveLength(1);
    await advance(1);
    expect(fetch.calls).toHaveLength(2);
  });

  it("wakes early when asked, but still not before the server's hint", async () => {
    const { fetch, poller } = start({ statuses: ["pending"], retryAfter: 3 });
    await advance(1000);
    poller.wake();
    await advance(1999);
    expect(fetch.calls).toHaveLength(1);
    await advance(1);
    expect(fetch.calls).toHaveLength(2);
    // Without the wake-up call the next check would have waited for the 3 s backoff.
    await advance(3000);
    expect(fetch.calls).toHaveLength(3);
  });

  it("aborts the request in flight and stops once the last subscriber leaves", async () => {
    const { fetch, unsubscribe } = start({ statuses: ["pending"], delay: Infinity });
    await advance(0);
    expect(fetch.calls).toHaveLength(1);
    unsubscribe();
    await advance(0);
    expect(fetch.calls[0]?.signal?.aborted).toBe(true);
    document.dispatchEvent(new Event("visibilitychange"));
    await advance(60_000);
    expect(fetch.calls).toHaveLength(1);
  });

  it("keeps one request when a subscriber leaves and comes back at once", async () => {
    const { fetch, poller, unsubscribe } = start({ statuses: ["pending"], delay: 100 });
    await advance(0);
    unsubscribe();
    const again = poller.subscribe(() => {});
    await advance(100);
    expect(fetch.calls).toHaveLength(1);
    expect(fetch.calls[0]?.signal?.aborted).toBe(false);
    await advance(2000);
    expect(fetch.calls).toHaveLength(2);
    again();
  });
});
