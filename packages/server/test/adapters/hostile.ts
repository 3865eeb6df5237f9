import { once } from "node:events";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { startEmulator, type Emulator } from "@ligdicash-kit/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { BODY_TIMEOUT_MS } from "../../src/core/body.js";
import { MemoryPaymentStore } from "../../src/storage/memory.js";
import { newOrder, startPayment } from "../helpers.js";
import {
  expectedAnswer,
  HOSTILE_REQUESTS,
  type HostileContext,
  type HostileRequest,
} from "../hostile-requests.js";
import { encodeRequest, openRaw, type RawResponse } from "../raw-http.js";
import {
  API_KEY,
  AUTH_TOKEN,
  kitReadsBody,
  MOUNTS,
  startShop,
  VARIANTS,
  type Framework,
  type Shop,
} from "../shop.js";

/**
 * The hostile requests of docs/security.md (test/hostile-requests.ts), each sent byte for byte to
 * one adapter, with and without its body parsers: each adapter's test file calls it.
 */
export function hostileSuite(framework: Framework): void {
  let emulator: Emulator;
  beforeAll(async () => {
    // Mobile-money payouts stay pending until the test settles them.
    emulator = await startEmulator({
      port: 0,
      apiKey: API_KEY,
      authToken: AUTH_TOKEN,
      payoutDelayMs: null,
    });
  });
  afterAll(() => emulator.close());

  // Anything that escapes the kit: a crash in waiting.
  const escaped: unknown[] = [];
  const record = (error: unknown) => void escaped.push(error);
  beforeAll(() => {
    process.on("uncaughtException", record);
    process.on("unhandledRejection", record);
  });
  afterAll(() => {
    process.off("uncaughtException", record);
    process.off("unhandledRejection", record);
  });

  const prototypes = () => [Object.prototype, Array.prototype].map(Object.getOwnPropertyNames);
  const pristine = prototypes();

  describe.each(VARIANTS.filter((v) => v.framework === framework))(
    "$framework (body parser: $bodyParser), hostile requests",
    ({ bodyParser }) => {
      const store = new MemoryPaymentStore();
      let shop: Shop;
      let context: HostileContext;
      let orders: string[];

      beforeAll(async () => {
        shop = await startShop({
          framework,
          bodyParser,
          apiUrl: emulator.url,
          options: { storage: store, payouts: { defaultCountry: "BF" } },
        });
        const pendingOrder = newOrder(shop);
        const pending = await startPayment(shop, emulator, pendingOrder);
        const completedOrder = newOrder(shop);
        const completed = await startPayment(shop, emulator, completedOrder);
        emulator.setFaults({ callbacks: { drop: true } });
        await emulator.settle(completed.token, "completed");
        emulator.setFaults({ callbacks: null });
        const unpaidOrder = newOrder(shop);
        orders = [pendingOrder, completedOrder, unpaidOrder];

        // Three payouts, on the same emulator for every variant: ids of their own.
        const payout = (name: string) => ({
          id: `po_${framework}_${bodyParser ? "parsed" : "raw"}_${name}`,
          amount: 5_000,
          to: "+226 70 00 00 00",
          method: "mobile_money" as const,
          description: "Seller payout",
        });
        emulator.fundOperator("12", 10_000);
        const payouts = shop.middleware.payouts;
        const pendingPayout = await payouts.send(payout("pending"));
        const completedPayout = await payouts.send(payout("completed"));
        emulator.setFaults({ payoutCallbacks: { drop: true } });
        const completedPayoutToken = emulator
          .payouts()
          .find((p) => p.transactionId === completedPayout.id)!.token;
        await emulator.settlePayout(completedPayoutToken, "completed");
        emulator.setFaults({ payoutCallbacks: null });
        // A create answered 500: LigdiCash never had it, the kit cannot tell (`unknown`, no token).
        emulator.setFaults({ payoutCreate: { mode: "500", count: 1 } });
        const unknownPayout = await payouts.send(payout("unknown"));
        await shop.settled();
        expect([pendingPayout, completedPayout, unknownPayout].map((p) => p.status)).toEqual([
          "sent",
          "sent",
          "unknown",
        ]);
        context = {
          base: "/api/ligdicash",
          port: (shop.server.address() as AddressInfo).port,
          pendingTx: pending.customData.transaction_id!,
          completedTx: completed.customData.transaction_id!,
          unpaidOrder,
          pendingPayout: pendingPayout.id,
          completedPayout: completedPayout.id,
          completedPayoutToken,
          unknownPayout: unknownPayout.id,
        };
      });
      afterAll(() => shop.close());
      afterEach(() => void vi.useRealTimers());

      /** What a hostile request must not change: payments, payouts, LigdiCash's books, hooks. */
      async function snapshot() {
        const payments = await Promise.all(orders.map((id) => store.listByOrder(id)));
        const payouts = await store.listPayouts();
        return {
          payments: payments
            .flat()
            .map(({ id, status, fulfilment }) => ({ id, status, fulfilment })),
          invoices: emulator.invoices().length,
          paid: shop.paid.length,
          failed: shop.failed.length,
          // A callback's token LigdiCash refuses is no news of the payout: nothing is recorded.
          payouts: payouts.map(({ id, status, lastError }) => ({ id, status, lastError })),
          ligdicashPayouts: emulator.payouts().length,
          payoutHooks: [shop.payoutsPaid, shop.payoutsFailed, shop.refunded].map((l) => l.length),
        };
      }

      const kitReads = kitReadsBody(framework, bodyParser);
      const rows = HOSTILE_REQUESTS.filter((row) => kitReads || !row.kitReadsOnly);
      it.each(rows)("$id", async (row) => {
        const [before, logsBefore, escapedBefore] = [
          await snapshot(),
          shop.logs.length,
          escaped.length,
        ];
        const response = await send(shop, row, context);
        // A callback let through confirms in the background: what it moved shows once it is done.
        vi.useRealTimers();
        await shop.settled();
        const method = row.request(context).method;
        const own = MOUNTS[framework].frameworkAnswer?.(method) ?? null;
        const expected =
          own !== null
            ? { status: own, code: null }
            : expectedAnswer(row, {
                framework,
                parsedFirst: !kitReads,
                web: MOUNTS[framework].web,
                method,
              });
        if (expected === null) expect(response).toBeNull();
        else
          expect(response && { status: response.status, code: codeOf(response) }).toEqual(expected);
        if (response) {
          expect(response.headers["access-control-allow-origin"]).toBeUndefined();
          for (const secret of [API_KEY, AUTH_TOKEN]) expect(response.body).not.toContain(secret);
        }
        expect(await snapshot()).toEqual(before);
        expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
        expect(prototypes()).toEqual(pristine);
        expect(await (await shop.request("/hello")).text()).toBe("hello from the shop");
        const logs = shop.logs.slice(logsBefore);
        expect(logs.filter((line) => line.startsWith("error "))).toEqual([]);
        expect(escaped.slice(escapedBefore)).toEqual([]);
      });

      /** An honest callback, as JSON: what a hostile one let through would have done. */
      const postCallback = (body: unknown) =>
        openRaw(
          context.port,
          encodeRequest(
            {
              method: "POST",
              path: `${context.base}/callback`,
              headers: { "content-type": "application/json" },
              body: JSON.stringify(body),
            },
            "127.0.0.1",
          ),
        ).response;

      // The control: the oracle above is live. The completed payment was pending all along, and a
      // plain callback naming it pays it, as any hostile one let through would have.
      it("control: an honest callback for the completed payment pays it", async () => {
        const completed = await store.get(context.completedTx);
        expect(completed?.status).toBe("pending");
        const answer = await postCallback({
          custom_data: [
            { keyof_customdata: "transaction_id", valueof_customdata: context.completedTx },
          ],
        });
        expect(answer?.status).toBe(200);
        expect((await store.get(context.completedTx))?.status).toBe("paid");
        expect(shop.paid.map((payment) => payment.id)).toEqual([context.completedTx]);
      });

      // The same for payouts: the completed payout was unsettled all along (every row left it so),
      // and LigdiCash's own callback naming it, with its token, settles it.
      it("control: an honest payout callback for the completed payout settles it", async () => {
        const before = await store.getPayout(context.completedPayout);
        expect(before?.status).toBe("sent");
        const answer = await postCallback({
          response_code: "00",
          token: context.completedPayoutToken,
          status: "completed",
          custom_data: [],
          transaction_id: context.completedPayout,
          external_id: context.completedPayout,
          amount: "5000",
        });
        expect(answer?.status).toBe(200);
        await shop.settled();
        expect((await store.getPayout(context.completedPayout))?.status).toBe("paid");
        expect(shop.payoutsPaid.map((payout) => payout.id)).toEqual([context.completedPayout]);
        expect((await store.getPayout(context.pendingPayout))?.status).toBe("sent");
        expect((await store.getPayout(context.unknownPayout))?.status).toBe("unknown");
      });
    },
  );
}

/**
 * Sends one row. A stalled client is answered when the kit's body deadline passes (fake timers,
 * advanced once the kit is reading); a client that leaves is gone before the kit has its body.
 */
async function send(
  shop: Shop,
  row: HostileRequest,
  context: HostileContext,
): Promise<RawResponse | null> {
  const bytes = encodeRequest(row.request(context), `127.0.0.1:${context.port}`);
  if (!row.client) return openRaw(context.port, bytes).response;
  if (row.client === "stall") vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  const arrived = once(shop.server, "request") as Promise<[IncomingMessage]>;
  const { socket, response } = openRaw(context.port, bytes);
  const [request] = await arrived;
  if (row.client === "abort") {
    const closed = new Promise((resolve) => request.once("close", resolve));
    socket.destroy();
    await closed;
    return response;
  }
  await until(() => vi.getTimerCount() > 0);
  vi.advanceTimersByTime(BODY_TIMEOUT_MS);
  return response;
}

/** Waits, turn by turn of the event loop, until `condition` holds (bounded). */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1_000 && !condition(); turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(condition()).toBe(true);
}

/** The kit's error code in an answer, or null for any other answer. */
function codeOf(response: RawResponse): string | null {
  try {
    const body = JSON.parse(response.body) as { error?: { code?: unknown } };
    return typeof body.error?.code === "string" ? body.error.code : null;
  } catch {
    return null;
  }
}
