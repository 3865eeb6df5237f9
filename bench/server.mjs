// One benchmark server in its own process, so that the load generator does not share its event loop.
// argv: <framework: express|koa> <variant: bare|noop|mounted> [storage: memory|sqlite|postgres|redis]
import { createServer } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import Koa from "koa";
import { startEmulator } from "@ligdicash-kit/emulator";
import { MemoryPaymentStore, SqlitePaymentStore } from "@ligdicash-kit/server";

const [framework, variant, storageName = "memory"] = process.argv.slice(2);
const PG_URL = process.env.PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const run = Date.now().toString(36);

async function createStore() {
  if (storageName === "sqlite")
    return new SqlitePaymentStore(join(mkdtempSync(join(tmpdir(), "bench-")), "p.db"));
  if (storageName === "postgres") {
    const { PostgresPaymentStore } = await import("@ligdicash-kit/server/postgres");
    return new PostgresPaymentStore({
      connectionString: PG_URL,
      tablePrefix: `ligdicash_bench_${run}`,
    });
  }
  if (storageName === "redis") {
    const { RedisPaymentStore } = await import("@ligdicash-kit/server/redis");
    return new RedisPaymentStore({ url: REDIS_URL, keyPrefix: `{ligdicash-bench-${run}}:` });
  }
  return new MemoryPaymentStore();
}

const server = createServer();
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}`;
const emulator = await startEmulator({ port: 0 });
const storage = await createStore();
let paid = 0;
let orders = 0;
const options = {
  getOrder: (orderId) => ({ amount: 15000, description: `Order ${orderId}` }),
  onPaid: () => void paid++,
  apiKey: "emulator-api-key",
  authToken: "emulator-auth-token",
  apiUrl: emulator.url,
  publicUrl: url,
  storage,
};
const answer = { orderId: "order_bench", status: "paid" };

if (framework === "express") {
  const app = express();
  if (variant === "mounted")
    app.use((await import("@ligdicash-kit/server/express")).ligdicash(options));
  app.get(
    "/bare/status/:id",
    (req, res) =>
      void res.set("cache-control", "no-store").json({ ...answer, orderId: req.params.id }),
  );
  server.on("request", app);
} else {
  const app = new Koa();
  if (variant === "mounted")
    app.use((await import("@ligdicash-kit/server/koa")).ligdicash(options));
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
  if (message.type === "report") process.send({ type: "report", paid });
  if (message.type === "stop") {
    if (storage.dropTables) await storage.dropTables();
    await storage.close?.();
    await emulator.close();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
// The benchmark owns this process: if it goes, so does this server.
process.on("disconnect", () => process.exit(0));
process.send({ type: "ready", url });
