import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WAIT } from "./api";
import { backoff, FALLBACK_MS, poller } from "./poller";
import { mockFetch } from "./testing/mockFetch";
import type { MockServerOptions } from "./testing/mockFetch";

let hidden = false;
let orders = 0;

beforeEach(() => {
  vi.useFakeTimers();
  hidden = false;
  Object.defineProperty(document, "hidden", { configurable: true, get: () => hidden });
});
afterEach(() => {
  vi.useRealTimers();
  Reflect.deleteProperty(document, "hidden");
});

// Watches live for the page's lifetime: each test watches an order of its own.
function start(options: MockServerOptions) {
  const fetch = mockFetch(options);
  const watch = poller({ basePath: "/api/ligdicash", fetch }, `order_${++orders}`);
  const states: string[] = [];
  const unsubscribe = watch.subscribe(() => states.push(watch.read()[0]));
  const waits = () => fetch.calls.map((call) => new URL(call.url, "http://x").search);
  return { fetch, watch, states, unsubscribe, waits };
}

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe("status watch against a server that cannot wait", () => {
  it("grows its delay from 2 s by half each time up to 10 s", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(backoff)).toEqual([
      2000, 3000, 4500, 6750, 10000, 10000, 10000,
    ]);
  });

  it("asks to wait, and polls at today's pace when the server answers at once", async () => {
    const { fetch, waits } = start({ statuses: ["pending"] });
    await advance(0);
    expect(fetch.calls).toHaveLength(1);
    expect(waits()[0]).toBe(`?wait=${WAIT}`);
    for (const delay of [2000, 3000, 4500, 6750, 10000, 10000]) {
      const before = fetch.calls.length;
      await advance(delay - 1);
      expect(fetch.calls).toHaveLength(before);
      await advance(1);
      expect(fetch.calls).toHaveLength(before + 1);
    }
  });

  it("never polls faster than the server's Retry-After hint", async () => {
    const { fetch } = start({ statuses: ["pending"], retryAfter: 7 });
    await advance(6999);
    expect(fetch.calls).toHaveLength(1);
    await advance(1);
    expect(fetch.calls).toHaveLength(2);
  });

  it.each(["paid", "failed"] as const)("stops for good once the order is %s", async (status) => {
    const { fetch, watch, states } = start({ statuses: ["pending", status] });
    await advance(2000);
    expect(watch.read()).toEqual([status, undefined]);
    expect(states).toEqual([status]);
    await advance(120_000);
    expect(fetch.calls).toHaveLength(2);
  });

  it("retries network failures and proxy pages, showing the last error while it does", async () => {
    const { watch } = start({ statuses: ["network-error", "html", "paid"] });
    await advance(0);
    expect(watch.read()).toMatchObject(["checking", { code: "NETWORK_ERROR" }]);
    await advance(2000);
    expect(watch.read()).toMatchObject(["checking", { status: 502 }]);
    await advance(3000);
    expect(watch.read()).toEqual(["paid", undefined]);
  });

  it("stops at once on an answer that asking again cannot change", async () => {
    const { fetch, watch } = start({ statuses: [{ error: "ORDER_NOT_FOUND", httpStatus: 404 }] });
    await advance(0);
    expect(watch.read()).toMatchObject(["error", { code: "ORDER_NOT_FOUND" }]);
    await advance(60_000);
    expect(fetch.calls).toHaveLength(1);
  });

  it("asks again after a final error when woken (check again)", async () => {
    const { fetch, watch } = start({
      statuses: [{ error: "ORDER_NOT_FOUND", httpStatus: 404 }, "paid"],
    });
    await advance(0);
    watch.wake();
    expect(watch.read()[0]).toBe("checking");
    await advance(2000);
    expect(fetch.calls).toHaveLength(2);
    expect(watch.read()[0]).toBe("paid");
  });
});

describe("status watch: retries (defect 2)", () => {
  it.each([408, 425, 429, 500, 503])("keeps asking after a %i", async (httpStatus) => {
    const { fetch, watch } = start({
      statuses: [{ error: "INTERNAL_ERROR", httpStatus }, "paid"],
    });
    await advance(0);
    expect(watch.read()[0]).toBe("checking");
    await advance(2000);
    expect(fetch.calls).toHaveLength(2);
    expect(watch.read()[0]).toBe("paid");
  });

  it("retries exactly no answer, 408, 425, 429 and 5xx; any other status stops at once", async () => {
    // Every status a fetch can hand over, as a page that is not the kit's JSON (a proxy's, a
    // catch-all's), and no answer at all.
    const wrong: string[] = [];
    for (const status of [undefined, ...Array.from({ length: 400 }, (_, i) => 200 + i)]) {
      const fetch = vi.fn(async () => {
        if (status === undefined) throw new TypeError("Failed to fetch");
        return new Response(null, { status });
      });
      const watch = poller({ basePath: "/api/ligdicash", fetch }, `order_${++orders}`);
      const unsubscribe = watch.subscribe(() => {});
      await advance(0);
      const retried = status === undefined || status >= 500 || [408, 425, 429].includes(status);
      if ((watch.read()[0] === "checking") !== retried) wrong.push(`${status}: ${watch.read()[0]}`);
      unsubscribe();
    }
    expect(wrong).toEqual([]);
  });

  it("honours Retry-After on an error response", async () => {
    const { fetch } = start({
      statuses: [{ error: "LIGDICASH_UNAVAILABLE", httpStatus: 503, retryAfter: "30" }, "paid"],
    });
    await advance(29_999);
    expect(fetch.calls).toHaveLength(1);
    await advance(1);
    expect(fetch.calls).toHaveLength(2);
  });

  it("keeps its pace when the shop's fetch hands back something that is no Response", async () => {
    // Not a LigdicashError then, and no Retry-After to read: the pace must not depend on one.
    const fetch = vi.fn(async () => ({ ok: true, status: 200 }) as Response);
    const watch = poller({ basePath: "/api/ligdicash", fetch }, `order_${++orders}`);
    const unsubscribe = watch.subscribe(() => {});
    await advance(1999);
    expect(fetch).toHaveBeenCalledOnce();
    expect(watch.read()[0]).toBe("checking");
    await advance(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    unsubscribe();
  });

  it("reads Retry-After as an HTTP date too (defect 8)", async () => {
    vi.setSystemTime(new Date("2026-01-05T10:00:00Z"));
    const { fetch } = start({
      statuses: [
        { error: "TOO_MANY", httpStatus: 429, retryAfter: "Mon, 05 Jan 2026 10:00:20 GMT" },
        "paid",
      ],
    });
    await advance(19_999);
    expect(fetch.calls).toHaveLength(1);
    await advance(1);
    expect(fetch.calls).toHaveLength(2);
  });
});

describe("status watch against a server that waits", () => {
  it("asks again at once after a held answer, never more than once a second", async () => {
    const { fetch, waits } = start({ wait: true, holdMs: 300 });
    await advance(0);
    expect(fetch.calls).toHaveLength(1);
    await advance(300); // held 300 ms, then pending: the next one 1 s after the first began
    expect(fetch.calls).toHaveLength(1);
    await advance(699);
    expect(fetch.calls).toHaveLength(1);
    await advance(1);
    expect(fetch.calls).toHaveLength(2);
    expect(waits().every((search) => search === `?wait=${WAIT}`)).toBe(true);
  });

  it("starts the polling pace over after a held answer", async () => {
    // An answer at once, three times (the delay grows to 4.5 s), then one held, then at once.
    let calls = 0;
    const times: number[] = [];
    const fetch = vi.fn(async () => {
      times.push(Date.now());
      const held = ++calls == 4 ? { "X-Ligdicash-Wait": `${WAIT}` } : undefined;
      return Response.json({ status: "pending" }, { headers: held });
    });
    const watch = poller({ basePath: "/api/ligdicash", fetch }, `order_${++orders}`);
    const unsubscribe = watch.subscribe(() => {});
    const start = Date.now();
    await advance(15_000);
    // After the held answer: 1 s (never twice within a second), then 2 s, not 6.75 s.
    expect(times.map((time) => time - start)).toEqual([0, 2000, 5000, 9500, 10500, 12500]);
    unsubscribe();
  });

  it("asks again right away after a full wait", async () => {
    const { fetch } = start({ wait: true });
    // Each request is held WAIT s; the next one leaves as soon as the answer is in.
    await advance(WAIT * 1000 + 1);
    expect(fetch.calls).toHaveLength(2);
    await advance(WAIT * 1000 + 1);
    expect(fetch.calls).toHaveLength(3);
  });

  it("learns the payment the moment the server does", async () => {
    const { fetch, watch } = start({ wait: true });
    await advance(5000);
    expect(watch.read()[0]).toBe("checking");
    fetch.settle("paid");
    await advance(0);
    expect(watch.read()[0]).toBe("paid");
    expect(fetch.calls).toHaveLength(1);
  });

  it.each([
    ["a network failure", "network-error"],
    ["a proxy's 502", { error: "BAD_GATEWAY", httpStatus: 502 }],
    ["a proxy's 504", { error: "GATEWAY_TIMEOUT", httpStatus: 504 }],
  ] as const)("falls back to polling for a while after %s, then waits again", async (_, cut) => {
    const { waits } = start({ wait: true, statuses: [cut, "pending"] });
    await advance(0); // the waiting request fails
    await advance(FALLBACK_MS);
    const polls = waits().slice(1);
    // Polling pace meanwhile: 2 s, 3 s, 4.5 s… (no query), then waiting again.
    expect(polls.slice(0, 5)).toEqual(["", "", "", "", ""]);
    expect(polls.length).toBeLessThan(12);
    await advance(10_000);
    expect(waits().at(-1)).toBe(`?wait=${WAIT}`);
  });

  it("gives up on a request not answered within wait + 10 s, and polls meanwhile", async () => {
    const { fetch, watch, waits } = start({ wait: true, holdMs: Infinity });
    await advance((WAIT + 10) * 1000 - 1);
    expect(fetch.calls).toHaveLength(1);
    await advance(1);
    expect(fetch.calls[0]?.signal?.aborted).toBe(true);
    expect(watch.read()).toMatchObject(["checking", { code: "NETWORK_ERROR" }]);
    await advance(2000);
    expect(waits()).toEqual([`?wait=${WAIT}`, ""]);
  });
});

describe("status watch: the page around it", () => {
  it("aborts the request while the tab is hidden and asks again when it is shown", async () => {
    const { fetch } = start({ wait: true });
    await advance(1000);
    hidden = true;
    document.dispatchEvent(new Event("visibilitychange"));
    await advance(0);
    expect(fetch.calls[0]?.signal?.aborted).toBe(true);
    await advance(60_000);
    expect(fetch.calls).toHaveLength(1);
    hidden = false;
    document.dispatchEvent(new Event("visibilitychange"));
    await advance(0);
    expect(fetch.calls).toHaveLength(2);
  });

  it("pauses while offline and asks again when back online", async () => {
    const onLine = vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    const { fetch } = start({ statuses: ["pending"] });
    await advance(30_000);
    expect(fetch.calls).toHaveLength(0);
    onLine.mockReturnValue(true);
    window.dispatchEvent(new Event("online"));
    await advance(0);
    expect(fetch.calls).toHaveLength(1);
  });

  it("never asks twice within 2 s, however often the tab is hidden, shown or back online", async () => {
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

  it("wakes early when asked, but not before the server's hint", async () => {
    const { fetch, watch } = start({ statuses: ["pending"], retryAfter: 3 });
    await advance(1000);
    watch.wake();
    await advance(1999);
    expect(fetch.calls).toHaveLength(1);
    await advance(1);
    expect(fetch.calls).toHaveLength(2);
  });

  it("aborts the request in flight and stops once the last subscriber leaves", async () => {
    const { fetch, unsubscribe } = start({ statuses: ["pending"], delay: Infinity });
    await advance(0);
    unsubscribe();
    await advance(0);
    expect(fetch.calls[0]?.signal?.aborted).toBe(true);
    document.dispatchEvent(new Event("visibilitychange"));
    await advance(60_000);
    expect(fetch.calls).toHaveLength(1);
  });

  it("keeps its request and pace when a subscriber leaves and comes back at once", async () => {
    const { fetch, watch, unsubscribe } = start({ statuses: ["pending"], delay: 100 });
    await advance(0);
    unsubscribe();
    const again = watch.subscribe(() => {});
    await advance(100);
    expect(fetch.calls).toHaveLength(1);
    expect(fetch.calls[0]?.signal?.aborted).toBe(false);
    await advance(2000);
    expect(fetch.calls).toHaveLength(2);
    again();
  });

  it("is one watch per order and server path, using the latest caller's fetch", async () => {
    const first = mockFetch({ statuses: ["pending"] });
    const second = mockFetch({ statuses: ["paid"] });
    const watch = poller({ basePath: "/api/ligdicash", fetch: first }, "order_shared");
    expect(poller({ basePath: "/api/ligdicash", fetch: second }, "order_shared")).toBe(watch);
    expect(poller({ basePath: "/other", fetch: second }, "order_shared")).not.toBe(watch);
    const unsubscribe = watch.subscribe(() => {});
    await advance(0);
    expect(first.calls).toHaveLength(0);
    expect(second.calls).toHaveLength(1);
    expect(watch.read()[0]).toBe("paid");
    unsubscribe();
  });
});
