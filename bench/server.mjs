// One benchmark server in its own process, so that the load generator does not share its event loop.
// argv: <framework: express|koa|fastify|hono> <variant: bare|noop|mounted|mounted-copy (hono)>
// [storage: memory|sqlite|postgres|redis]
// [slow]: LigdiCash answers confirms after 2 s (a delaying proxy in front of the emulator) and
// onPaid takes 5 s, to time callbacks when the work behind them is slow.
import { createServer, request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { getRequestListener } from "@hono/node-server";
import Koa from "koa";
import { startEmulator } from "@ligdicash-kit/emulator";
import { MemoryPaymentStore, SqlitePaymentStore } from "@ligdicash-kit/server";

const [framework, variant, storageName = "memory", pace = "fast"] = process.argv.slice(2);
const PG_URL = process.env.PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const run = Date.now().toString(36);
const CONFIRM_DELAY_MS = 2000;
const HOOK_MS = 5000;
const sqliteDir = storageName === "sqlite" ? mkdtempSync(join(tmpdir(), "bench-")) : null;
const redisPrefix = `{ligdicash-bench-${run}}:`;

async function createStore() {
  if (sqliteDir) return new SqlitePaymentStore(join(sqliteDir, "p.db"));
  if (storageName === "postgres") {
    const { PostgresPaymentStore } = await import("@ligdicash-kit/server/postgres");
    return new PostgresPaymentStore({
      connectionString: PG_URL,
      tablePrefix: `ligdicash_bench_${run}`,
    });
  }
  if (storageName === "redis") {
    const { RedisPaymentStore } = await import("@ligdicash-kit/server/redis");
    return new RedisPaymentStore({ url: REDIS_URL, keyPrefix: redisPrefix });
  }
  return new MemoryPaymentStore();
}

const server = createServer();
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}`;
const emulator = await startEmulator({ port: 0 });
const proxy = pace === "slow" ? await delayingProxy(emulator.url) : null;
const storage = await createStore();
let paid = 0;
let orders = 0;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const options = {
  getOrder: (orderId) => ({ amount: 15000, description: `Order ${orderId}` }),
  onPaid:
    pace === "slow"
      ? async () => {
          await sleep(HOOK_MS);
          paid++;
        }
      : () => void paid++,
  apiKey: "emulator-api-key",
  authToken: "emulator-auth-token",
  apiUrl: proxy?.url ?? emulator.url,
  publicUrl: url,
  storage,
  logger: false,
};
const answer = { orderId: "order_bench", status: "paid" };
let middleware = null;

if (framework === "express") {
  const app = express();
  if (variant === "mounted") {
    middleware = (await import("@ligdicash-kit/server/express")).ligdicash(options);
    app.use(middleware);
  }
  app.get(
    "/bare/status/:id",
    (req, res) =>
      void res.set("cache-control", "no-store").json({ ...answer, orderId: req.params.id }),
  );
  server.on("request", app);
} else if (framework === "fastify") {
  const app = Fastify({ serverFactory: (handler) => server.on("request", handler) });
  if (variant === "noop") app.addHook("onRequest", async () => {});
  if (variant === "mounted") {
    const { ligdicash } = await import("@ligdicash-kit/server/fastify");
    await app.register(ligdicash, options);
    middleware = app.ligdicash;
  }
  app.get("/bare/status/:id", async (req, reply) =>
    reply.header("cache-control", "no-store").send({ ...answer, orderId: req.params.id }),
  );
  await app.ready();
} else if (framework === "hono") {
  const app = new Hono();
  if (variant === "noop") app.use(async (_c, next) => next());
  if (variant === "mounted" || variant === "mounted-copy") {
    middleware = (await import("@ligdicash-kit/server/fetch")).ligdicash(options);
    // As the README shows; without replaceRequest: false, Hono copies each request it hands on.
    const keep = variant === "mounted" ? { replaceRequest: false } : undefined;
    app.mount("/api/ligdicash", middleware.fetch, keep);
  }
  app.get("/bare/status/:id", (c) => {
    c.header("cache-control", "no-store");
    return c.json({ ...answer, orderId: c.req.param("id") });
  });
  server.on("request", getRequestListener(app.fetch));
} else {
  const app = new Koa();
  if (variant === "mounted") {
    middleware = (await import("@ligdicash-kit/server/koa")).ligdicash(options);
    app.use(middleware);
  }
  app.use(async (ctx, next) => {
    const match = /^\/bare\/status\/([^/]+)$/.exec(ctx.path);
    if (!match) return next();
    ctx.set("cache-control", "no-store");
    ctx.body = { ...answer, orderId: match[1] };
  });
  const handle = app.callback();
  server.on("request", (req, res) => void handle(req, res));
}

// Commands from the parent: prepare N paid orders (their transaction ids are returned) or report.
process.on("message", async (message) => {
  if (message.type === "prepare") {
    const ids = [];
    for (let i = 0; i < message.count; i++) {
      const orderId = `order_${run}_${orders++}`;
      const response = await fetch(`${url}/api/ligdicash/pay`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ orderId }),
      });
      if (!response.ok) throw new Error(`pay: ${response.status}`);
      const invoice = emulator.invoices().at(-1);
      if (message.settle) await emulator.settle(invoice.token, "completed");
      else {
        emulator.setFaults({ callbacks: { drop: true } });
        await emulator.settle(invoice.token, "completed");
        emulator.setFaults({ callbacks: null });
      }
      ids.push({ orderId, transactionId: invoice.customData.transaction_id });
    }
    process.send({ type: "prepared", ids });
  }
  if (message.type === "report") {
    // Callbacks answer before their confirm and hook: wait for those, as a serverless host would.
    const idle = middleware ? await middleware.idle(60_000) : true;
    process.send({ type: "report", paid, idle });
  }
  if (message.type === "stop") {
    await cleanUp();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});

/** Leaves nothing behind: the PostgreSQL tables, the Redis keys, the SQLite file of this run. */
let cleaning = null;
function cleanUp() {
  cleaning ??= removeAll();
  return cleaning;
}

async function removeAll() {
  await middleware?.close();
  await storage.close();
  if (storageName === "postgres") {
    const { PostgresPaymentStore } = await import("@ligdicash-kit/server/postgres");
    const tables = new PostgresPaymentStore({
      connectionString: PG_URL,
      tablePrefix: `ligdicash_bench_${run}`,
    });
    await tables.dropTables();
    await tables.close();
  }
  if (storageName === "redis") {
    const { Redis } = await import("ioredis");
    const redis = new Redis(REDIS_URL);
    for await (const keys of redis.scanStream({ match: `${redisPrefix}*`, count: 500 })) {
      if (keys.length) await redis.del(...keys);
    }
    await redis.quit();
  }
  if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
  await proxy?.close();
  await emulator.close();
}

/**
 * A LigdiCash that takes 2 s to answer a confirm: a proxy in front of the emulator that holds
 * confirm requests before passing them on. Other calls go through at once.
 */
async function delayingProxy(target) {
  const upstream = new URL(target);
  const front = createServer((req, res) => {
    const pass = () => {
      const out = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on("error", () => res.destroy());
      req.pipe(out);
    };
    if (req.url?.includes("/confirm")) setTimeout(pass, CONFIRM_DELAY_MS);
    else pass();
  });
  await new Promise((resolve) => front.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${front.address().port}`,
    close: () => (front.closeAllConnections(), new Promise((resolve) => front.close(resolve))),
  };
}

// The benchmark owns this process: if it goes, so does this server (and what it made).
process.on("disconnect", () => {
  const exit = () => process.exit(0);
  cleanUp().then(exit, exit);
  setTimeout(exit, 5000).unref();
});
process.send({ type: "ready", url });
