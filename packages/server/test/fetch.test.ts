import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join } from "node:path";
import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BODY_LIMIT, BODY_TIMEOUT_MS } from "../src/core/body.js";
import type { Order } from "../src/core/options.js";
import { ligdicash, type LigdicashFetch } from "../src/fetch.js";
import type { PaymentInfo } from "../src/model/payment.js";
import { MemoryPaymentStore } from "../src/storage/memory.js";
import { FakeLigdicash } from "./fake-ligdicash.js";

// The fetch handler driven with Node's own Request and Response, no server in between: what Bun,
// Deno or any Web-standard server hands it. (Under Hono on a real socket, every route test and
// hostile request of the shared suites runs too: see test/adapters.)

const SHOP = "https://shop.example";
const BASE = `${SHOP}/api/ligdicash`;

function fetchKit() {
  const ligdicashApi = new FakeLigdicash();
  const orders = new Map<string, Order>([["order_1", { amount: 15_000 }]]);
  const paid: PaymentInfo[] = [];
  const contexts: unknown[] = [];
  const kit = ligdicash({
    getOrder: (orderId, request) => {
      contexts.push(request);
      return orders.get(orderId) ?? null;
    },
    onPaid: (payment) => void paid.push(payment),
    apiKey: "test-api-key-0123456789",
    authToken: "test-auth-token-9876543210",
    publicUrl: SHOP,
    fetch: ligdicashApi.fetch,
    storage: new MemoryPaymentStore(),
    logger: false,
    recheckIntervalMs: 0,
    reconcile: { intervalMs: 0 },
  });
  kits.push(kit);
  return { kit, ligdicashApi, paid, contexts };
}

const kits: LigdicashFetch[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(kits.splice(0).map((kit) => kit.close()));
});

const json = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
const customData = (transactionId: string) => [
  { keyof_customdata: "transaction_id", valueof_customdata: transactionId },
];

/** A body that never ends, counting the bytes it was asked for. */
function endless(chunk = 16 * 1024) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled += chunk;
      controller.enqueue(new Uint8Array(chunk).fill(0x20));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe("fetch handler, with Node's Request and Response", () => {
  it("pays an order: pay, a form callback then a JSON one, status paid; hooks get the Request", async () => {
    const { kit, ligdicashApi, paid, contexts } = fetchKit();
    const payRequest = new Request(`${BASE}/pay`, json({ orderId: "order_1" }));
    const answer = await kit.fetch(payRequest);
    expect(answer).toBeInstanceOf(Response);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ orderId: "order_1", status: "pending" });
    expect(contexts).toEqual([payRequest]);
    const invoice = ligdicashApi.invoices[0]!;
    const pending = await kit.fetch(new Request(`${BASE}/status/order_1`));
    expect(pending.headers.get("retry-after")).toBe("0");
    expect(await pending.json()).toEqual({ orderId: "order_1", status: "pending" });
    ligdicashApi.pay(invoice);
    const form = new URLSearchParams({
      status: "completed",
      custom_data: JSON.stringify(customData(invoice.transactionId)),
    });
    const formAnswer = await kit.fetch(
      new Request(`${BASE}/callback`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form.toString(),
      }),
    );
    expect(formAnswer.status).toBe(200);
    const jsonAnswer = await kit.fetch(
      new Request(
        `${BASE}/callback`,
        json({ status: "completed", custom_data: customData(invoice.transactionId) }),
      ),
    );
    expect(jsonAnswer.status).toBe(200);
    await kit.idle(5_000);
    expect(paid).toHaveLength(1);
    const status = await kit.fetch(new Request(`${BASE}/status/order_1`));
    expect(status.headers.get("cache-control")).toBe("no-store");
    expect(await status.json()).toEqual({ orderId: "order_1", status: "paid" });
  });

  it("owns its path: 404 NOT_FOUND (JSON) for what is no route, and no body to HEAD", async () => {
    const { kit } = fetchKit();
    for (const url of [`${BASE}/other`, `${BASE}/pay`, `${SHOP}/api/ligdicash`]) {
      const answer = await kit.fetch(new Request(url));
      expect(answer.status).toBe(404);
      expect(await answer.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
    const head = await kit.fetch(new Request(`${BASE}/status/order_1`, { method: "HEAD" }));
    expect(head.status).toBe(404);
    expect(await head.text()).toBe("");
  });

  it("takes a path a router stripped of basePath (Hono's app.mount) as under basePath", async () => {
    const { kit } = fetchKit();
    const answer = await kit.fetch(new Request(`${SHOP}/pay`, json({ orderId: "order_1" })));
    expect(answer.status).toBe(200);
    const status = await kit.fetch(new Request(`${SHOP}/status/order_1`));
    expect(await status.json()).toEqual({ orderId: "order_1", status: "pending" });
  });

  it("mounts in Hono either way: app.mount(basePath, kit.fetch) with or without replaceRequest", async () => {
    const { kit } = fetchKit();
    for (const options of [undefined, { replaceRequest: false as const }]) {
      const app = new Hono();
      app.mount("/api/ligdicash", kit.fetch, options);
      const pay = await app.request(`${BASE}/pay`, json({ orderId: "order_1" }));
      expect(pay.status).toBe(200);
      const status = await app.request(`${BASE}/status/order_1`);
      expect(await status.json()).toEqual({ orderId: "order_1", status: "pending" });
      const other = await app.request(`${BASE}/other`);
      expect(await other.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
  });

  it("refuses a body larger than 64 kB at the first chunk past the limit, without reading the rest", async () => {
    const { kit } = fetchKit();
    const { stream, state } = endless();
    const answer = await kit.fetch(
      new Request(`${BASE}/callback`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: stream,
        duplex: "half",
      }),
    );
    expect(answer.status).toBe(413);
    expect(await answer.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
    // What was read: the limit, one chunk past it, and what the stream queued ahead.
    expect(state.pulled).toBeLessThan(BODY_LIMIT + 4 * 16 * 1024);
    expect(state.cancelled).toBe(true);
  });

  it("refuses a body announced over 64 kB before reading any of it", async () => {
    const { kit } = fetchKit();
    const { stream, state } = endless();
    const answer = await kit.fetch(
      new Request(`${BASE}/callback`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": "1000000" },
        body: stream,
        duplex: "half",
      }),
    );
    expect(answer.status).toBe(413);
    expect(state.pulled).toBeLessThanOrEqual(16 * 1024);
  });

  it("answers 408 to a body that stops coming, and lets go of it", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { kit } = fetchKit();
    let cancelled = false;
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"custom_data":'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const answer = kit.fetch(
      new Request(`${BASE}/callback`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: stalled,
        duplex: "half",
      }),
    );
    await vi.advanceTimersByTimeAsync(BODY_TIMEOUT_MS);
    const response = await answer;
    expect(response.status).toBe(408);
    expect(await response.json()).toMatchObject({ error: { code: "REQUEST_TIMEOUT" } });
    expect(cancelled).toBe(true);
  });

  it("refuses other media types (415) and __proto__ keys (400) without moving anything", async () => {
    const { kit, ligdicashApi, paid } = fetchKit();
    await kit.fetch(new Request(`${BASE}/pay`, json({ orderId: "order_1" })));
    const invoice = ligdicashApi.invoices[0]!;
    ligdicashApi.pay(invoice);
    const text = await kit.fetch(
      new Request(`${BASE}/callback`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ custom_data: customData(invoice.transactionId) }),
      }),
    );
    expect(text.status).toBe(415);
    const proto = await kit.fetch(
      new Request(`${BASE}/callback`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: `{"__proto__":{"paid":true},"custom_data":${JSON.stringify(customData(invoice.transactionId))}}`,
      }),
    );
    expect(proto.status).toBe(400);
    await kit.idle(5_000);
    expect(paid).toEqual([]);
    expect(({} as { paid?: unknown }).paid).toBeUndefined();
  });

  it("ends a waiting status request when request.signal aborts", async () => {
    const { kit } = fetchKit();
    await kit.fetch(new Request(`${BASE}/pay`, json({ orderId: "order_1" })));
    const client = new AbortController();
    const started = Date.now();
    const waiting = kit.fetch(
      new Request(`${BASE}/status/order_1?wait=25`, { signal: client.signal }),
    );
    setTimeout(() => client.abort(), 50);
    const answer = await waiting;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await answer.json()).toEqual({ orderId: "order_1", status: "pending" });
  });

  it("answers a waiting request on close(), then 503 SHUTTING_DOWN", async () => {
    const { kit } = fetchKit();
    await kit.fetch(new Request(`${BASE}/pay`, json({ orderId: "order_1" })));
    const waiting = kit.fetch(new Request(`${BASE}/status/order_1?wait=25`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await kit.close();
    expect(await (await waiting).json()).toEqual({ orderId: "order_1", status: "pending" });
    const after = await kit.fetch(new Request(`${BASE}/status/order_1`));
    expect(after.status).toBe(503);
    expect(await after.json()).toMatchObject({ error: { code: "SHUTTING_DOWN" } });
  });
});

// The published Web entries' import graphs, read from the build: what a runtime without Node's
// built-ins (an edge runtime, Deno without its Node layer) would have to load.
describe("the built Web entries (fetch, next)", () => {
  const dist = join(import.meta.dirname, "..", "dist");
  const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

  /** Every bare specifier the file imports statically, following its own chunks. */
  function staticImports(entry: string): { bare: Set<string>; files: Set<string> } {
    const files = new Set<string>();
    const bare = new Set<string>();
    const esm = /^(?:import|export)\b[^;'"]*?['"]([^'"]+)['"];?$/gm;
    const cjs = /^(?:var \w+ = )?require\(['"]([^'"]+)['"]\)/gm;
    const visit = (file: string) => {
      if (files.has(file)) return;
      files.add(file);
      const text = readFileSync(file, "utf8");
      const pattern = file.endsWith(".cjs") ? cjs : esm;
      for (const [, specifier] of text.matchAll(pattern)) {
        if (specifier!.startsWith(".")) visit(join(dirname(file), specifier!));
        else bare.add(specifier!);
      }
    };
    visit(join(dist, entry));
    return { bare, files };
  }

  for (const entry of ["fetch.js", "fetch.cjs", "next.js", "next.cjs"]) {
    it(`${entry} imports no Node built-in; the SQLite default store loads only when used`, () => {
      const { bare, files } = staticImports(entry);
      expect([...bare].filter((name) => builtins.has(name))).toEqual([]);
      expect([...bare]).toEqual(["valibot"]);
      // The default store's module is imported on demand, and it is where the built-ins are.
      const lazy = [...files]
        .map((file) => readFileSync(file, "utf8"))
        .join("\n")
        .match(/(?:import|require)\(["'](\.\/default-store-[\w-]+\.c?js)["']\)/);
      expect(lazy).not.toBeNull();
      const store = staticImports(lazy![1]!);
      expect([...store.bare].some((name) => builtins.has(name))).toBe(true);
    });
  }

  it("the check sees built-ins where they are: the Express entry imports them", () => {
    const { bare } = staticImports("express.js");
    expect([...bare].some((name) => builtins.has(name))).toBe(true);
  });
});
