import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { startEmulator, type Emulator } from "@ligdicash-kit/emulator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PayoutInfo } from "../src/model/payout.js";
import { PostgresPaymentStore } from "../src/storage/postgres.js";
import { RedisPaymentStore } from "../src/storage/redis.js";
import type { LigdicashStore } from "../src/storage/store.js";
import { newOrder, startPayment } from "./helpers.js";
import { dropRedisKeys, PG_URL, REDIS_URL, serviceAvailable } from "./services.js";
import { API_KEY, AUTH_TOKEN, startShop, type Shop } from "./shop.js";

const suffix = randomBytes(4).toString("hex");
const pgPrefix = `ligdicash_po_${suffix}`;
const redisPrefix = `{ligdicash-po-${suffix}}:`;
const withPg = await serviceAvailable(PG_URL);
const withRedis = await serviceAvailable(REDIS_URL);

interface Backend {
  name: string;
  create: () => LigdicashStore;
  /** How a child process opens the same store. */
  child: { backend: "postgres" | "redis"; url: string; prefix: string };
}
const backends: Backend[] = [];
if (withPg) {
  backends.push({
    name: "PostgreSQL",
    create: () => new PostgresPaymentStore({ connectionString: PG_URL, tablePrefix: pgPrefix }),
    child: { backend: "postgres", url: PG_URL, prefix: pgPrefix },
  });
}
if (withRedis) {
  backends.push({
    name: "Redis",
    create: () => new RedisPaymentStore({ url: REDIS_URL, keyPrefix: redisPrefix }),
    child: { backend: "redis", url: REDIS_URL, prefix: redisPrefix },
  });
}

let emulator: Emulator;
/** The emulator's log: a second create of one id would show as a Code07 refusal. */
const emulatorLog: string[] = [];
const repeatedCreates = () => emulatorLog.filter((line) => /Code07/.test(line));
beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    apiKey: API_KEY,
    authToken: AUTH_TOKEN,
    payoutDelayMs: null,
    callbackRetry: { attempts: 1 },
    log: (line) => void emulatorLog.push(line),
  });
});
afterAll(async () => {
  await emulator.close();
  if (withPg) {
    const pg = new PostgresPaymentStore({ connectionString: PG_URL, tablePrefix: pgPrefix });
    await pg.dropTables();
    await pg.close();
  }
  if (withRedis) await dropRedisKeys(redisPrefix);
});

/** Four app instances (kits in this process) on one shared store. */
async function instances(backend: Backend): Promise<Shop[]> {
  return Promise.all(
    ["express5", "koa3", "express4", "koa2"].map((framework) =>
      startShop({
        framework: framework as "express5",
        apiUrl: emulator.url,
        options: { storage: backend.create(), payouts: { defaultCountry: "BF" } },
      }),
    ),
  );
}

describe.each(backends)("payouts on %s shared by four app instances", (backend) => {
  it("the same payout id sent at once from every instance creates one LigdiCash payout, paid once", async () => {
    emulator.reset();
    emulatorLog.length = 0;
    emulator.fundOperator("12", 1_000_000);
    const shops = await instances(backend);
    try {
      const ids = Array.from({ length: 5 }, (_, i) => `po-${suffix}-${backend.name}-${i}`);
      const results = await Promise.all(
        ids.flatMap((id) =>
          shops.map((shop) =>
            shop.middleware.payouts.send({
              id,
              amount: 1_000,
              to: "70 00 00 00",
              method: "wallet",
              description: "Same id everywhere",
            }),
          ),
        ),
      );
      expect(new Set(results.map((r) => r.id))).toEqual(new Set(ids));
      // Only the instance that stored each payout called create: LigdiCash's guard never had to act.
      expect(repeatedCreates()).toEqual([]);
      for (const r of results) expect(["sent", "paid"]).toContain(r.status);
      expect(
        emulator
          .payouts()
          .map((p) => p.transactionId)
          .sort(),
      ).toEqual([...ids].sort());
      await vi.waitFor(async () => {
        const statuses = await Promise.all(ids.map((id) => shops[0]!.middleware.payouts.get(id)));
        expect(statuses.map((p) => p?.status)).toEqual(ids.map(() => "paid"));
      });
      await Promise.all(shops.map((shop) => shop.settled()));
      const told = shops.flatMap((shop) => shop.payoutsPaid.map((p: PayoutInfo) => p.id));
      expect(told.sort()).toEqual([...ids].sort());
    } finally {
      await Promise.all(shops.map((shop) => shop.close()));
    }
  });

  it("concurrent refunds of one order from every instance never exceed what was paid", async () => {
    emulator.reset();
    const shops = await instances(backend);
    try {
      const orderId = newOrder(shops[0]!, 10_000);
      const invoice = await startPayment(shops[0]!, emulator, orderId);
      await emulator.settle(invoice.token, "completed", { operatorId: "11" });
      await shops[0]!.settled();
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          shops[i % 4]!.middleware.refund(orderId, {
            reason: "concurrent",
            id: `rf-${suffix}-${backend.name}-${i}`,
            amount: 3_000,
          }),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
      const refused = results.flatMap((r): unknown[] =>
        r.status === "rejected" ? [r.reason] : [],
      );
      for (const reason of refused) expect(reason).toMatchObject({ code: "REFUND_EXCEEDS_PAID" });
      expect(emulator.payouts().reduce((sum, p) => sum + p.amount, 0)).toBe(9_000);
    } finally {
      await Promise.all(shops.map((shop) => shop.close()));
    }
  });

  it("four processes sending the same payout ids at once create one LigdiCash payout per id", async () => {
    emulator.reset();
    emulatorLog.length = 0;
    emulator.fundOperator("12", 1_000_000);
    // The callbacks go to a shop of this process on the same store.
    const [shop] = await instances(backend);
    const ids = Array.from({ length: 5 }, (_, i) => `po-proc-${suffix}-${backend.name}-${i}`);
    const payouts = ids.map((id) => ({
      id,
      amount: 1_000,
      to: "+226 70 00 00 00",
      method: "mobile_money",
      description: "From four processes",
    }));
    const children = Array.from({ length: 4 }, () =>
      spawnChild({
        ...backend.child,
        apiUrl: emulator.url,
        apiKey: API_KEY,
        authToken: AUTH_TOKEN,
        publicUrl: shop!.url,
        payouts,
      }),
    );
    try {
      await Promise.all(children.map((child) => child.ready));
      for (const child of children) child.go();
      const outcomes = (await Promise.all(children.map((child) => child.result))).flat();
      expect(outcomes).toHaveLength(20);
      for (const outcome of outcomes) expect(outcome).toMatchObject({ status: "sent" });
      expect(repeatedCreates()).toEqual([]);
      expect(
        emulator
          .payouts()
          .map((p) => p.transactionId)
          .sort(),
      ).toEqual([...ids].sort());
    } finally {
      await Promise.all(children.map((child) => child.exited));
      await shop!.close();
    }
  });

  it("four processes refunding one order at once never refund more than was paid", async () => {
    emulator.reset();
    // The order is paid through a shop of this process; the callbacks come back to it.
    const [shop] = await instances(backend);
    const orderId = newOrder(shop!, 10_000);
    const invoice = await startPayment(shop!, emulator, orderId);
    await emulator.settle(invoice.token, "completed", { operatorId: "11" });
    await shop!.settled();
    // 12 refunds of 3,000 from 4 processes: 3 fit in the 10,000 paid.
    const children = Array.from({ length: 4 }, (_, child) =>
      spawnChild({
        ...backend.child,
        apiUrl: emulator.url,
        apiKey: API_KEY,
        authToken: AUTH_TOKEN,
        publicUrl: shop!.url,
        refunds: Array.from({ length: 3 }, (_, i) => ({
          orderId,
          id: `rf-proc-${suffix}-${backend.name}-${child}-${i}`,
          amount: 3_000,
          reason: "From four processes",
        })),
      }),
    );
    try {
      await Promise.all(children.map((child) => child.ready));
      for (const child of children) child.go();
      const outcomes = (await Promise.all(children.map((child) => child.result))).flat();
      expect(outcomes).toHaveLength(12);
      const accepted = outcomes.filter((o) => o.status !== undefined);
      expect(accepted).toHaveLength(3);
      for (const o of accepted) expect(["sent", "paid"]).toContain(o.status);
      for (const o of outcomes.filter((o) => o.status === undefined)) {
        expect(o).toMatchObject({ error: "REFUND_EXCEEDS_PAID" });
      }
      expect(emulator.payouts().reduce((sum, p) => sum + p.amount, 0)).toBe(9_000);
      expect(
        emulator
          .payouts()
          .map((p) => p.transactionId)
          .sort(),
      ).toEqual(accepted.map((o) => o.id).sort());
      const [payment] = await shop!.middleware.paymentsOf(orderId);
      expect(payment).toMatchObject({ status: "paid", amount: 10_000, refunded: 9_000 });
    } finally {
      await Promise.all(children.map((child) => child.exited));
      await shop!.close();
    }
  });
});

/** A child node process running test/fixtures/send-payout.mjs against the built package. */
function spawnChild(config: Record<string, unknown>) {
  const child = spawn(process.execPath, ["fixtures/send-payout.mjs", JSON.stringify(config)], {
    cwd: import.meta.dirname,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      lines.once("line", resolve);
      child.once("exit", (code) => reject(new Error(`child exited with ${code}`)));
    });
  const ready = next();
  return {
    ready,
    result: ready.then(next).then((line) => JSON.parse(line) as Array<Record<string, unknown>>),
    go: () => child.stdin.write("go\n"),
    exited: once(child, "exit"),
  };
}
