// One shop instance of the storm: Express 5 with the built middleware on a shared PostgreSQL or
// Redis store. It records every hook run (start and end, with its pid) in an append-only file that
// the parent reads: synchronous appends reach the kernel before the hook goes on, so a SIGKILL
// loses nothing that was recorded. argv[2] is the JSON of its settings (see storm.ts).
import { appendFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import express from "express";
import { ligdicash } from "@ligdicash-kit/server/express";

const settings = JSON.parse(process.argv[2]);
const { index, store: storeKind, prefix, dir, slowHookMs } = settings;
const hooks = join(dir, `hooks-${index}-${process.pid}.jsonl`);
const logs = join(dir, `log-${index}-${process.pid}.jsonl`);

async function createStore() {
  if (storeKind === "postgres") {
    const { PostgresPaymentStore } = await import("@ligdicash-kit/server/postgres");
    return new PostgresPaymentStore({ connectionString: settings.pgUrl, tablePrefix: prefix });
  }
  const { RedisPaymentStore } = await import("@ligdicash-kit/server/redis");
  return new RedisPaymentStore({ url: settings.redisUrl, keyPrefix: prefix });
}

/** The shop's own order table: storm order ids carry their number, and "-slow" for slow hooks. */
function getOrder(orderId) {
  const match = /^storm-[a-z0-9]+-(\d+)(-slow)?$/.exec(orderId);
  if (!match) return null;
  return { amount: 1_000 + Number(match[1]), description: `Storm order ${match[1]}` };
}

function record(event, payment) {
  const line = { event, pid: process.pid, index, id: payment.id, orderId: payment.orderId };
  appendFileSync(hooks, `${JSON.stringify({ ...line, at: Date.now() })}\n`);
  process.send?.({ type: "hook", ...line });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A hook that records its run; slow orders take `slowHookMs`, past the kit's hook timeout. */
const hook = (kind) => async (payment) => {
  record(`${kind}-start`, payment);
  // A slow hook ignores its AbortSignal on purpose: the kit must still never start it twice.
  await sleep(payment.orderId.endsWith("-slow") ? slowHookMs : Math.floor(Math.random() * 20));
  record(`${kind}-end`, payment);
};

const line = (level) => (object, message) =>
  appendFileSync(logs, `${JSON.stringify({ level, message, ...object, at: Date.now() })}\n`);

const server = createServer();
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}`;
const middleware = ligdicash({
  getOrder,
  onPaid: hook("paid"),
  onFailed: hook("failed"),
  onRefundNeeded: hook("refund"),
  apiKey: settings.apiKey,
  authToken: settings.authToken,
  apiUrl: settings.emulatorUrl,
  publicUrl: settings.publicUrl,
  storage: await createStore(),
  logger: { info: () => undefined, warn: line("warn"), error: line("error") },
  recheckIntervalMs: settings.recheckIntervalMs,
  reconcile: settings.reconcile,
  shutdownTimeoutMs: 10_000,
});
const app = express();
app.use(middleware);
server.on("request", app);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await middleware.close();
  server.closeAllConnections();
  server.close(() => process.exit(0));
}
process.on("SIGTERM", () => void stop());
// The storm owns this process: if the parent goes, so does this instance.
process.on("disconnect", () => process.exit(1));
process.send({ type: "ready", url });
