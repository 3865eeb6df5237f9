// One app instance of a two-instance shop, in its own process: Express 5 with the middleware on a
// store that another instance shares, calling the LigdiCash (emulator) the parent runs.
// argv: <storage: postgres|redis> <LigdiCash URL> <run id: names the shared tables or keys>
import { createServer } from "node:http";
import express from "express";
import { ligdicash } from "@ligdicash-kit/server/express";

const [storageName, apiUrl, run] = process.argv.slice(2);
const PG_URL = process.env.PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

async function createStore() {
  if (storageName === "postgres") {
    const { PostgresPaymentStore } = await import("@ligdicash-kit/server/postgres");
    return new PostgresPaymentStore({ connectionString: PG_URL, tablePrefix: `ligdicash_${run}` });
  }
  const { RedisPaymentStore } = await import("@ligdicash-kit/server/redis");
  return new RedisPaymentStore({ url: REDIS_URL, keyPrefix: `{ligdicash-${run}}:` });
}

const server = createServer();
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}`;
const middleware = ligdicash({
  getOrder: (orderId) => ({ amount: 15000, description: `Order ${orderId}` }),
  onPaid: () => {},
  apiKey: "emulator-api-key",
  authToken: "emulator-auth-token",
  apiUrl,
  publicUrl: url,
  storage: await createStore(),
  logger: false,
});
const app = express();
app.use(middleware);
server.on("request", app);

let stopping = null;
const stop = () =>
  (stopping ??= middleware.close().then(() => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }));
process.on("message", (message) => message.type === "stop" && void stop());
// The benchmark owns this process: if it goes, so does this instance.
process.on("disconnect", () => {
  void stop();
  setTimeout(() => process.exit(0), 5000).unref();
});
process.send({ type: "ready", url });
