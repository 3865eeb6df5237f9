import { startEmulator, type Emulator } from "@ligdicash-kit/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { LigdicashControls } from "../src/core/handler.js";
import { newPayout } from "../src/model/payout.js";
import { MemoryPaymentStore } from "../src/storage/memory.js";
import type { PaymentStore } from "../src/storage/store.js";
import { API_KEY, AUTH_TOKEN, startShop, type Shop } from "./shop.js";

let emulator: Emulator;
let shop: Shop;
let store: MemoryPaymentStore;
let kit: LigdicashControls;
let nextId = 0;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    apiKey: API_KEY,
    authToken: AUTH_TOKEN,
    payoutDelayMs: null,
    callbackRetry: { attempts: 1 },
  });
});
afterAll(() => emulator.close());

async function openShop(options: Parameters<typeof startShop>[0]["options"] = {}) {
  store = new MemoryPaymentStore();
  shop = await startShop({
    framework: "express5",
    apiUrl: emulator.url,
    options: { storage: store, payouts: { defaultCountry: "BF" }, ...options },
  });
  kit = shop.middleware;
}
afterEach(async () => {
  await shop.close();
  emulator.reset();
});

const id = () => `po_test_${++nextId}`;
const payout = (patch: Record<string, unknown> = {}) => ({
  id: id(),
  amount: 5_000,
  to: "70 00 00 00",
  method: "wallet" as const,
  description: "Seller payout",
  ...patch,
});

/** Waits until LigdiCash has delivered `count` payout callbacks and the shop has acted on them. */
async function callbacksDelivered(count: number): Promise<void> {
  await vi.waitFor(() => {
    const answered = emulator.payoutCallbacks().filter((c) => c.responseStatus !== null);
    expect(answered.length).toBeGreaterThanOrEqual(count);
  });
  await shop.settled();
}

describe("payouts.send against the emulator", () => {
  it("sends a wallet payout once, confirms it paid from its callback, and runs onPayoutPaid once", async () => {
    await openShop();
    emulator.fundOperator("12", 20_000);
    const input = payout({ metadata: { seller: "s_42" }, orderId: "ORD-7" });
    const sent = await kit.payouts.send(input);
    expect(sent).toMatchObject({ id: input.id, status: "sent", amount: 5_000, to: "2267•••••00" });
    expect(JSON.stringify(sent)).not.toMatch(/token|eyJ|22670000000/);
    await callbacksDelivered(2);
    expect(await kit.payouts.get(input.id)).toMatchObject({
      status: "paid",
      operator: "LigdiCash MOOV AFRICA BURKINA",
      metadata: { seller: "s_42" },
      orderId: "ORD-7",
    });
    expect(shop.payoutsPaid.map((p) => p.id)).toEqual([input.id]);
    // The same id again: the same payout, never a second one.
    expect(await kit.payouts.send(input)).toMatchObject({ id: input.id, status: "paid" });
    expect(emulator.payouts()).toHaveLength(1);
    expect(emulator.payouts()[0]).toMatchObject({
      transactionId: input.id,
      customer: "22670000000",
      customData: { transaction_id: input.id, order_id: "ORD-7" },
    });
    expect((await kit.payouts.list({ status: "paid" })).map((p) => p.id)).toEqual([input.id]);
    expect(shop.logs.join("\n")).not.toContain("22670000000");
  });

  it("follows a mobile-money payout from sent to paid on its own confirm endpoint", async () => {
    await openShop();
    emulator.fundOperator("12", 20_000);
    const input = payout({ method: "mobile_money", to: "+226 70 00 00 00" });
    expect(await kit.payouts.send(input)).toMatchObject({ status: "sent" });
    expect((await kit.reconcile({ now: Date.now() + 120_000 })).payouts).toMatchObject({
      confirmed: 1,
    });
    expect((await kit.payouts.get(input.id))?.status).toBe("sent");
    await emulator.settlePayout(emulator.payouts()[0]!.token, "completed");
    await shop.settled();
    expect((await kit.payouts.get(input.id))?.status).toBe("paid");
    expect(shop.payoutsPaid).toHaveLength(1);
  });

  it("a refusal fails the payout with its typed error, and onPayoutFailed runs once", async () => {
    await openShop();
    emulator.fundOperator("12", 1_000);
    const input = payout();
    const failed = await kit.payouts.send(input);
    expect(failed).toMatchObject({
      status: "failed",
      error: { code: "LIGDICASH_INSUFFICIENT_BALANCE" },
    });
    expect(failed.error?.message).toMatch(/Top it up/);
    await shop.settled();
    expect(shop.payoutsFailed.map((p) => p.id)).toEqual([input.id]);
    expect(emulator.payouts()).toEqual([]);
    // Failed is final for this id: a repeat does not try again.
    emulator.fundOperator("12", 50_000);
    expect(await kit.payouts.send(input)).toMatchObject({ status: "failed" });
    expect(emulator.payouts()).toEqual([]);
  });

  it("refuses a used id for another payout, and bad input before anything is stored", async () => {
    await openShop();
    emulator.fundOperator("12", 20_000);
    const input = payout();
    await kit.payouts.send(input);
    await expect(kit.payouts.send({ ...input, amount: 6_000 })).rejects.toMatchObject({
      code: "PAYOUT_CONFLICT",
    });
    await expect(kit.payouts.send({ ...payout(), to: "70 00 00" })).rejects.toMatchObject({
      code: "INVALID_PHONE_NUMBER",
    });
    await expect(kit.payouts.send(payout({ id: "has space" }))).rejects.toMatchObject({
      code: "INVALID_REQUEST",
    });
    await expect(kit.payouts.send(payout({ amount: 10 }))).rejects.toMatchObject({
      code: "INVALID_REQUEST",
    });
    expect(emulator.payouts()).toHaveLength(1);
  });
});

describe("every payout sub-code, through the kit", () => {
  it("becomes a failed payout with its typed error, an unknown one, or (Code07) a sent one", async () => {
    await openShop();
    emulator.fundOperator("12", 1_000_000);
    const codes = {
      wallet: ["00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10"],
      mobile_money: ["00", "02", "03", "05", "06", "07", "08", "09", "10", "14"],
    } as const;
    const seen: string[] = [];
    for (const method of ["wallet", "mobile_money"] as const) {
      for (const code of codes[method]) {
        emulator.setFaults({ payoutCreate: { mode: "refuse", count: 1, code } });
        const sent = await kit.payouts.send(payout({ method }));
        seen.push(`${method} ${code} ${sent.status} ${sent.error?.code}`);
      }
    }
    await shop.settled();
    expect(seen).toEqual([
      "wallet 00 failed LIGDICASH_AUTH_FAILED",
      "wallet 01 failed LIGDICASH_PAYOUTS_DISABLED",
      "wallet 02 failed LIGDICASH_BENEFICIARY_NOT_REGISTERED",
      "wallet 03 failed LIGDICASH_NO_OPERATOR_ACCOUNT",
      "wallet 04 failed LIGDICASH_INSUFFICIENT_BALANCE",
      "wallet 05 failed LIGDICASH_INVALID_AMOUNT",
      "wallet 06 failed LIGDICASH_IP_NOT_ALLOWED",
      "wallet 07 sent LIGDICASH_PAYOUT_EXISTS",
      "wallet 08 unknown LIGDICASH_PROCESSING_ERROR",
      "wallet 09 failed LIGDICASH_REFUSED",
      "wallet 10 unknown LIGDICASH_PROCESSING_ERROR",
      "mobile_money 00 failed LIGDICASH_AUTH_FAILED",
      "mobile_money 02 failed LIGDICASH_INVALID_AMOUNT",
      "mobile_money 03 failed LIGDICASH_NO_OPERATOR_ACCOUNT",
      "mobile_money 05 failed LIGDICASH_OPERATOR_NOT_IDENTIFIED",
      "mobile_money 06 failed LIGDICASH_IP_NOT_ALLOWED",
      "mobile_money 07 sent LIGDICASH_PAYOUT_EXISTS",
      "mobile_money 08 failed LIGDICASH_INSUFFICIENT_BALANCE",
      "mobile_money 09 unknown LIGDICASH_PROCESSING_ERROR",
      "mobile_money 10 unknown LIGDICASH_PROCESSING_ERROR",
      "mobile_money 14 failed LIGDICASH_IP_NOT_ALLOWED",
    ]);
    expect(shop.payoutsFailed).toHaveLength(15);
    expect(emulator.payouts()).toEqual([]);
  });
});

describe("a create whose outcome is unknown", () => {
  it("times out after LigdiCash created it: unknown, then paid exactly once by its callback", async () => {
    await openShop({ timeouts: { createMs: 300, confirmMs: 1_000 } });
    emulator.fundOperator("12", 20_000);
    // The callbacks come after the shop gave up waiting for the create's answer.
    emulator.setFaults({
      payoutCreate: { mode: "timeoutAfterCreate", count: 1 },
      payoutCallbacks: { delayMs: 600 },
    });
    const input = payout();
    expect(await kit.payouts.send(input)).toMatchObject({
      status: "unknown",
      error: { code: "LIGDICASH_UNAVAILABLE" },
    });
    await callbacksDelivered(2);
    expect(await kit.payouts.get(input.id)).toMatchObject({ status: "paid", error: null });
    expect(shop.payoutsPaid.map((p) => p.id)).toEqual([input.id]);
    await kit.reconcile({ now: Date.now() + 10 * 60_000 });
    expect(emulator.payouts()).toHaveLength(1);
    expect(emulator.balances().find((b) => b.operatorId === "12")?.balance).toBe(15_000);
  });

  it("with its callbacks lost: the reconciler's repeat is refused as Code07 (sent, never twice), then a later callback pays it", async () => {
    await openShop({ timeouts: { createMs: 300, confirmMs: 1_000 } });
    emulator.fundOperator("12", 20_000);
    emulator.setFaults({
      payoutCreate: { mode: "timeoutAfterCreate", count: 1 },
      payoutCallbacks: { drop: true },
    });
    const input = payout();
    expect((await kit.payouts.send(input)).status).toBe("unknown");
    const report = await kit.reconcile({ now: Date.now() + 120_000 });
    expect(report.payouts).toMatchObject({ repeated: 1 });
    await shop.settled();
    expect(await kit.payouts.get(input.id)).toMatchObject({
      status: "sent",
      attempts: 2,
      error: { code: "LIGDICASH_PAYOUT_EXISTS" },
    });
    expect(emulator.payouts()).toHaveLength(1);
    // Nothing to confirm with until LigdiCash calls again: the reconciler never creates it anew.
    await kit.reconcile({ now: Date.now() + 240_000 });
    expect(emulator.payouts()).toHaveLength(1);
    emulator.setFaults({ payoutCallbacks: null });
    await emulator.settlePayout(emulator.payouts()[0]!.token, "completed");
    await shop.settled();
    expect((await kit.payouts.get(input.id))?.status).toBe("paid");
    expect(shop.payoutsPaid).toHaveLength(1);
    expect(emulator.payouts()).toHaveLength(1);
  });

  it("a create that never reached LigdiCash's books (500) is repeated once and sent", async () => {
    await openShop();
    emulator.fundOperator("12", 20_000);
    emulator.setFaults({ payoutCreate: { mode: "500", count: 1 } });
    const input = payout({ method: "mobile_money" });
    expect((await kit.payouts.send(input)).status).toBe("unknown");
    await kit.reconcile({ now: Date.now() + 120_000 });
    await shop.settled();
    expect(await kit.payouts.get(input.id)).toMatchObject({
      status: "sent",
      attempts: 2,
      error: null,
    });
    expect(emulator.payouts()).toHaveLength(1);
  });

  it("a repeat LigdiCash refuses leaves it unknown: the first create may have made it", async () => {
    await openShop();
    emulator.fundOperator("12", 20_000);
    emulator.setFaults({ payoutCreate: { mode: "500", count: 1 } });
    const input = payout();
    expect((await kit.payouts.send(input)).status).toBe("unknown");
    emulator.setFaults({ payoutCreate: { mode: "refuse", count: 1, code: "04" } });
    await kit.reconcile({ now: Date.now() + 120_000 });
    expect(await kit.payouts.get(input.id)).toMatchObject({
      status: "unknown",
      attempts: 2,
      error: { code: "LIGDICASH_INSUFFICIENT_BALANCE" },
    });
    await kit.reconcile({ now: Date.now() + 240_000 });
    await callbacksDelivered(2);
    expect(await kit.payouts.get(input.id)).toMatchObject({ status: "paid", attempts: 3 });
    expect(emulator.payouts()).toHaveLength(1);
    expect(shop.payoutsFailed).toEqual([]);
  });

  it("a person resolves it; the reconciler leaves one it cannot settle for review, with one error line", async () => {
    await openShop({ timeouts: { createMs: 300, confirmMs: 1_000 } });
    emulator.fundOperator("12", 20_000);
    emulator.setFaults({
      payoutCreate: { mode: "timeoutAfterCreate", count: 2 },
      payoutCallbacks: { drop: true },
    });
    const [first, second] = [payout(), payout()];
    await kit.payouts.send(first);
    await kit.payouts.send(second);
    await expect(kit.payouts.resolve(first.id, "paid")).resolves.toMatchObject({ status: "paid" });
    await expect(kit.payouts.resolve(first.id, "failed")).rejects.toMatchObject({
      code: "PAYOUT_ALREADY_SETTLED",
    });
    await shop.settled();
    expect(shop.payoutsPaid.map((p) => p.id)).toEqual([first.id]);
    const later = Date.now() + 8 * 24 * 3_600_000;
    expect((await kit.reconcile({ now: later })).payouts).toMatchObject({ leftForReview: 1 });
    expect((await kit.reconcile({ now: later + 60_000 })).payouts).toMatchObject({
      leftForReview: 0,
    });
    const lines = shop.logs.filter((line) => line.includes("payout left for review"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error /);
    expect(await kit.payouts.get(second.id)).toMatchObject({
      status: "unknown",
      needsReview: true,
    });
    expect(emulator.payouts()).toHaveLength(2);
  });

  it("a payout whose process stopped mid-create is taken over by the reconciler, once, by the store's clock", async () => {
    // The store's clock decides when a create is over, whatever the host's says.
    let ahead = 0;
    await openShop();
    store = new MemoryPaymentStore({ now: () => Date.now() + ahead });
    await shop.close();
    shop = await startShop({
      framework: "express5",
      apiUrl: emulator.url,
      options: { storage: store, payouts: { defaultCountry: "BF" } },
    });
    kit = shop.middleware;
    emulator.fundOperator("12", 20_000);
    const { newPayout } = await import("../src/model/payout.js");
    const orphan = newPayout({
      id: id(),
      amount: 2_000,
      method: "wallet",
      beneficiary: "22670000000",
      country: "BF",
      operatorHint: null,
      description: "Orphan",
      now: Date.now(),
      staleAt: Date.now() + 70_000,
    });
    await store.insertPayout(orphan);
    // A host whose clock is 80 s ahead: its pass lists the payout, the store says it is not over.
    await kit.reconcile({ now: Date.now() + 80_000 });
    expect((await kit.payouts.get(orphan.id))?.status).toBe("pending");
    expect(emulator.payouts()).toEqual([]);
    ahead = 80_000;
    await kit.reconcile({ now: Date.now() + 80_000 });
    await shop.settled();
    expect((await kit.payouts.get(orphan.id))?.status).toMatch(/sent|paid/);
    expect(emulator.payouts()).toHaveLength(1);
  });
});

describe("payout hooks and stores", () => {
  it("an onPayoutPaid that throws is retried by the reconciler and completes once", async () => {
    const runs: string[] = [];
    await openShop({
      reconcile: { intervalMs: 0, firstCheckAfterMs: 0 },
      onPayoutPaid: (p) => {
        runs.push(p.id);
        if (runs.length === 1) throw new Error("ledger down");
      },
    });
    emulator.fundOperator("12", 20_000);
    const input = payout();
    await kit.payouts.send(input);
    await callbacksDelivered(2);
    // The second callback, or the reconciler, retries it (no backoff here): it then completes.
    await kit.reconcile();
    await shop.settled();
    expect(shop.logs.join("\n")).toMatch(/onPayoutPaid failed; it will be retried/);
    expect(await store.getPayout(input.id)).toMatchObject({
      fulfilment: "done",
      fulfilAttempts: 1,
    });
    expect((await kit.reconcile()).payouts).toMatchObject({ hooksRetried: 0 });
    expect(runs).toEqual([input.id, input.id]);
  });

  it("a store that keeps payments only still takes payments; payout calls say what is missing", async () => {
    const inner = new MemoryPaymentStore();
    const paymentsOnly = Object.fromEntries(
      (
        [
          "insert",
          "get",
          "listByOrder",
          "patch",
          "transition",
          "expectOrder",
          "getOrder",
          "claimOrder",
          "claimFulfilment",
          "renewFulfilment",
          "completeFulfilment",
          "releaseFulfilment",
          "listDuePending",
          "listUnfulfilled",
          "now",
          "close",
        ] as const
      ).map((name) => [name, (inner[name] as (...a: unknown[]) => unknown).bind(inner)]),
    ) as unknown as PaymentStore;
    shop = await startShop({
      framework: "koa3",
      apiUrl: emulator.url,
      options: { storage: paymentsOnly },
    });
    kit = shop.middleware;
    await expect(kit.payouts.send(payout())).rejects.toMatchObject({
      code: "INVALID_OPTIONS",
      message: expect.stringMatching(/PayoutStore/) as unknown,
    });
    await expect(kit.refund("order_1", { reason: "x" })).rejects.toMatchObject({
      code: "INVALID_OPTIONS",
    });
    expect(await kit.reconcile()).not.toHaveProperty("payouts.confirmed", 1);
  });
});

describe("payout callbacks on the shared route", () => {
  it("ignores a forged callback that carries another payout's token", async () => {
    await openShop({ timeouts: { createMs: 300, confirmMs: 1_000 } });
    emulator.fundOperator("12", 20_000);
    const honest = payout();
    await kit.payouts.send(honest);
    emulator.setFaults({
      payoutCreate: { mode: "timeoutAfterCreate", count: 1 },
      payoutCallbacks: { drop: true },
    });
    const victim = payout();
    expect((await kit.payouts.send(victim)).status).toBe("unknown");
    const stolen = emulator.payouts().find((p) => p.transactionId === honest.id)!.token;
    const answer = await shop.request("/api/ligdicash/callback", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ transaction_id: victim.id, token: stolen, status: "completed" }),
    });
    expect(answer.status).toBe(200);
    await shop.settled();
    expect((await kit.payouts.get(victim.id))?.status).toBe("unknown");
    expect(shop.logs.join("\n")).toMatch(/token LigdiCash does not confirm for this payout/);
  });

  it("spaces the confirms a burst of forged callbacks asks for, whatever tokens they carry", async () => {
    const confirms: number[] = [];
    const counting: typeof fetch = (input, init) => {
      const url = input instanceof Request ? input.url : input.toString();
      if (url.includes("/confirm")) confirms.push(Date.now());
      return fetch(input, init);
    };
    const interval = 150;
    await openShop({
      fetch: counting,
      recheckIntervalMs: interval,
      timeouts: { createMs: 300, confirmMs: 1_000 },
    });
    emulator.fundOperator("12", 20_000);
    emulator.setFaults({
      payoutCreate: { mode: "timeoutAfterCreate", count: 1 },
      payoutCallbacks: { drop: true },
    });
    const victim = payout();
    expect((await kit.payouts.send(victim)).status).toBe("unknown");
    const forged = (n: number) =>
      shop.request("/api/ligdicash/callback", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          transaction_id: victim.id,
          token: `forged-${n}`,
          status: "completed",
        }),
      });
    const answers = await Promise.all(Array.from({ length: 5 }, (_, n) => forged(n)));
    for (const answer of answers) expect(answer.status).toBe(200);
    await shop.settled();
    // Each lead is followed, one at a time: never two confirms of one payout within the interval.
    expect(confirms).toHaveLength(5);
    const gaps = confirms.slice(1).map((at, i) => at - confirms[i]!);
    // Measured where the request leaves, a few ms after the spacing's clock: a loaded machine
    // shifts each by a little; unspaced, the five would leave within a few ms of each other.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(interval - 25);
    expect((await kit.payouts.get(victim.id))?.status).toBe("unknown");
  });

  it("leaves payin callbacks to the payin route, which answers one naming nobody as unknown", async () => {
    await openShop();
    const answer = await shop.request("/api/ligdicash/callback", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ transaction_id: "nobody", token: "x" }),
    });
    // A payout callback for a payout made outside the kit: unknown, as an unknown payment is.
    expect(answer.status).toBe(404);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe(
      "UNKNOWN_TRANSACTION",
    );
  });
});

describe("the reconciler taking over a create that never reported", () => {
  it("a pass acting on a list read before another pass took the payout over sends nothing: one create in flight, never two", async () => {
    // Creates wait at this gate while it is closed, as a slow LigdiCash would keep them.
    let gate: Promise<void> = Promise.resolve();
    let open = () => {};
    let creates = 0;
    const gated: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : input.toString();
      if (/withdrawal\/create|straight\/payout/.test(url)) {
        creates += 1;
        await gate;
      }
      return fetch(input, init);
    };
    await openShop({ fetch: gated });
    emulator.fundOperator("12", 20_000);
    // A payout whose sender stopped before calling LigdiCash: pending, and stale.
    const stalled = newPayout({
      id: id(),
      amount: 5_000,
      method: "wallet",
      beneficiary: "22670000000",
      country: "BF",
      operatorHint: null,
      description: "Seller payout",
      now: Date.now() - 120_000,
      staleAt: 0,
    });
    expect(await store.insertPayout(stalled)).toBe(true);
    // Another process's pass read its list now...
    const staleList = await store.listDuePayouts(Date.now(), 10);
    expect(staleList.map((p) => p.status)).toEqual(["pending"]);
    // ...then this process's pass took the payout over; its create is in flight.
    gate = new Promise((resolve) => (open = resolve));
    const first = kit.reconcile();
    await vi.waitFor(() => expect(creates).toBe(1));
    // The other pass acts on what it read before: the payout is pending there, as it is now.
    const other = await startShop({
      framework: "express5",
      apiUrl: emulator.url,
      options: {
        fetch: gated,
        payouts: { defaultCountry: "BF" },
        storage: new Proxy(store, {
          get(target, key, receiver) {
            if (key === "listDuePayouts") return () => Promise.resolve(staleList);
            if (key === "close") return () => Promise.resolve();
            const value: unknown = Reflect.get(target, key, receiver);
            return typeof value === "function"
              ? (value as (...args: unknown[]) => unknown).bind(target)
              : value;
          },
        }),
      },
    });
    try {
      const second = other.middleware.reconcile();
      // Given time to send a second create, if it would (it would wait at the gate too).
      await Promise.race([second, new Promise((resolve) => setTimeout(resolve, 1_000))]);
      expect(creates).toBe(1);
      open();
      expect((await second).payouts).toMatchObject({ repeated: 0 });
    } finally {
      open();
      await first;
      await other.close();
    }
    await shop.settled();
    expect(creates).toBe(1);
    expect(emulator.payouts()).toHaveLength(1);
    expect((await kit.payouts.get(stalled.id))?.status).toBe("sent");
  });
});
