import formbody from "@fastify/formbody";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { ligdicash } from "../src/fastify.js";
import { MemoryPaymentStore } from "../src/storage/memory.js";
import { FakeLigdicash } from "./fake-ligdicash.js";

// What only the Fastify plugin has: its encapsulation, the app's close, a prefix. (Every route
// and hostile test of the shared suites runs on it too, with and without @fastify/formbody.)

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

function options(store = new MemoryPaymentStore()) {
  return {
    getOrder: () => ({ amount: 15_000 }),
    onPaid: () => {},
    apiKey: "test-api-key-0123456789",
    authToken: "test-auth-token-9876543210",
    publicUrl: "https://shop.example",
    fetch: new FakeLigdicash().fetch,
    storage: store,
    logger: false as const,
    reconcile: { intervalMs: 0 },
  };
}

async function app(setup: (app: FastifyInstance) => Promise<void>): Promise<FastifyInstance> {
  const instance = Fastify();
  apps.push(instance);
  await setup(instance);
  await instance.ready();
  return instance;
}

const pay = { method: "POST" as const, url: "/api/ligdicash/pay", payload: { orderId: "order_1" } };

describe("Fastify plugin", () => {
  it("hangs its controls on the app, and leaves the app's own parsers to the app's routes", async () => {
    const shop = await app(async (instance) => {
      await instance.register(formbody);
      await instance.register(ligdicash, options());
      instance.post("/echo", async (request) => ({ echoed: request.body }));
    });
    expect(typeof shop.ligdicash.reconcile).toBe("function");
    expect((await shop.inject(pay)).statusCode).toBe(200);
    const echo = await shop.inject({
      method: "POST",
      url: "/echo",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "a=1",
    });
    expect(echo.json()).toEqual({ echoed: { a: "1" } });
  });

  it("sends other paths under basePath to the app's 404 handler", async () => {
    const shop = await app(async (instance) => {
      await instance.register(ligdicash, options());
      instance.setNotFoundHandler(async (_request, reply) =>
        reply.code(404).send("the shop's 404"),
      );
    });
    const other = await shop.inject({ method: "GET", url: "/api/ligdicash/other" });
    expect([other.statusCode, other.body]).toEqual([404, "the shop's 404"]);
  });

  it("serves its routes under the prefix of the scope it is registered in", async () => {
    const shop = await app(async (instance) => {
      await instance.register(
        async (scope) => {
          await scope.register(ligdicash, { ...options(), publicUrl: "https://shop.example/shop" });
        },
        { prefix: "/shop" },
      );
    });
    expect((await shop.inject({ ...pay, url: "/shop/api/ligdicash/pay" })).statusCode).toBe(200);
    const status = await shop.inject({ method: "GET", url: "/shop/api/ligdicash/status/order_1" });
    expect(status.json()).toEqual({ orderId: "order_1", status: "pending" });
  });

  it("app.close() answers a waiting status request at once, then closes the store", async () => {
    const store = new MemoryPaymentStore();
    const shop = await app(async (instance) => {
      await instance.register(ligdicash, options(store));
    });
    await shop.listen({ port: 0, host: "127.0.0.1" });
    const address = shop.server.address() as { port: number };
    await shop.inject(pay);
    const started = Date.now();
    const waiting = fetch(`http://127.0.0.1:${address.port}/api/ligdicash/status/order_1?wait=25`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await shop.close();
    const answer = await waiting;
    expect(await answer.json()).toEqual({ orderId: "order_1", status: "pending" });
    expect(answer.headers.get("x-ligdicash-wait")).toBe("25");
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(store.get("pay_x")).rejects.toMatchObject({ code: "STORE_UNAVAILABLE" });
  });
});
