import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator } from "@ligdicash-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresPaymentStore } from "../src/storage/postgres.js";
import { RedisPaymentStore } from "../src/storage/redis.js";
import { SqlitePaymentStore } from "../src/storage/sqlite.js";
import type { PaymentStore } from "../src/storage/store.js";
import { callback, newOrder, startPayment, status } from "./helpers.js";
import { dropRedisKeys, PG_URL, REDIS_URL, serviceAvailable } from "./services.js";
import { API_KEY, AUTH_TOKEN, startShop } from "./shop.js";

const suffix = randomBytes(4).toString("hex");
const dir = mkdtempSync(join(tmpdir(), "ligdicash-instances-"));

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, apiKey: API_KEY, authToken: AUTH_TOKEN });
});
const pgStore = () =>
  new PostgresPaymentStore({ connectionString: PG_URL, tablePrefix: `ligdicash_inst_${suffix}` });
const backends: Array<[string, () => PaymentStore]> = [
  ["SQLite (one file, two connections)", () => new SqlitePaymentStore(join(dir, "shared.db"))],
];
const redisPrefix = `{ligdicash-inst-${suffix}}:`;
const withPg = await serviceAvailable(PG_URL);
const withRedis = await serviceAvailable(REDIS_URL);
if (withPg) backends.push(["PostgreSQL", pgStore]);
if (withRedis) {
  backends.push(["Redis", () => new RedisPaymentStore({ url: REDIS_URL, keyPrefix: redisPrefix })]);
}

afterAll(async () => {
  await emulator.close();
  if (withPg) {
    const pg = pgStore();
    await pg.dropTables();
    await pg.close();
  }
  if (withRedis) await dropRedisKeys(redisPrefix);
  rmSync(dir, { recursive: true, force: true });
});

describe.each(backends)("two app instances sharing %s", (_name, createStore) => {
  it("fulfil an order once under duplicate callbacks and polls spread over both", async () => {
    emulator.reset();
    const express = await startShop({
      framework: "express5",
      apiUrl: emulator.url,
      options: { storage: createStore() },
    });
    const koa = await startShop({
      framework: "koa3",
      bodyParser: true,
      apiUrl: emulator.url,
      options: { storage: createStore() },
    });
    try {
      const orderId = newOrder(express);
      koa.orders.set(orderId, express.orders.get(orderId)!);
      const invoice = await startPayment(express, emulator, orderId);
      emulator.setFaults({ callbacks: { drop: true } });
      await emulator.settle(invoice.token, "completed");
      const id = invoice.customData.transaction_id!;
      const answers = await Promise.all(
        [express, koa].flatMap((shop) => [
          ...Array.from({ length: 20 }, (_, i) =>
            callback(shop, id, i % 2 ? "json" : "form").then((r) => r.status),
          ),
          ...Array.from({ length: 5 }, () => status(shop, orderId).then(() => 200)),
        ]),
      );
      expect(new Set(answers)).toEqual(new Set([200]));
      await Promise.all([express.settled(), koa.settled()]);
      expect(express.paid.length + koa.paid.length).toBe(1);
      expect(await status(koa, orderId)).toBe("paid");
      expect(await status(express, orderId)).toBe("paid");
    } finally {
      await Promise.all([express.close(), koa.close()]);
    }
  });
});

describe("the default store", () => {
  it("is a SQLite file at LIGDICASH_DB, created on first use", async () => {
    const file = join(dir, "default", "payments.db");
    const previous = process.env.LIGDICASH_DB;
    process.env.LIGDICASH_DB = file;
    try {
      emulator.reset();
      const shop = await startShop({
        framework: "express5",
        apiUrl: emulator.url,
        options: { storage: undefined },
      });
      const orderId = newOrder(shop);
      const invoice = await startPayment(shop, emulator, orderId);
      await emulator.settle(invoice.token, "completed");
      await shop.settled();
      expect(shop.paid).toHaveLength(1);
      await shop.close();
      const reopened = new SqlitePaymentStore(file);
      expect((await reopened.listByOrder(orderId)).map((p) => p.status)).toEqual(["paid"]);
      await reopened.close();
    } finally {
      if (previous === undefined) delete process.env.LIGDICASH_DB;
      else process.env.LIGDICASH_DB = previous;
    }
  });
});
