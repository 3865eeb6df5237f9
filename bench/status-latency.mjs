// Callback handled → the shopper's status request answers "paid", with the shopper on one app
// instance and LigdiCash's callback on another (two processes on one PostgreSQL or Redis).
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startEmulator } from "@ligdicash-kit/emulator";

const PG_URL = process.env.PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
/** Payments per measurement, started 100 ms apart. */
export const STATUS_PAYMENTS = Number(process.env.BENCH_STATUS_PAYMENTS ?? 100);
/** The callback comes this long after the shopper's first status request: approving on the phone. */
export const CALLBACK_AFTER_MS = [4_000, 10_000];
const POLL_MS = 2_000;

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `mode` "wait": the shopper asks `GET /status/:orderId?wait=25` and asks again at once after a
 * pending answer; "poll": the shopper asks `GET /status/:orderId` every 2 s (today's return page).
 * Resolves each payment's delay in ms from the callback's answer to the shopper's "paid".
 */
export async function statusLatency(storage, mode) {
  const emulator = await startEmulator({ port: 0 });
  // The callbacks are posted here, to time them: LigdiCash's own are not sent.
  emulator.setFaults({ callbacks: { drop: true } });
  const run = `status_${Date.now().toString(36)}`;
  const [shopper, doorbell] = await Promise.all([
    instance(storage, emulator.url, run),
    instance(storage, emulator.url, run),
  ]);
  try {
    const one = async (i) => {
      await delay(i * 100);
      const orderId = `order_${run}_${i}`;
      await pay(shopper.url, orderId);
      const invoice = emulator.invoices().findLast((x) => x.customData.order_id === orderId);
      const paidSeen = watch(shopper.url, orderId, mode);
      const [from, to] = CALLBACK_AFTER_MS;
      await delay(from + Math.random() * (to - from));
      await emulator.settle(invoice.token, "completed");
      const handled = await postCallback(doorbell.url, invoice.customData.transaction_id);
      return (await paidSeen) - handled;
    };
    return await Promise.all(Array.from({ length: STATUS_PAYMENTS }, (_, i) => one(i)));
  } finally {
    await Promise.all([shopper.stop(), doorbell.stop()]);
    await emulator.close();
    await dropShared(storage, run);
  }
}

/**
 * Asks for the order's status until it is paid, as the return page does (a request lost to a
 * connection closed by keep-alive is asked again); resolves the time the "paid" answer arrived.
 */
async function watch(url, orderId, mode) {
  for (;;) {
    const sent = performance.now();
    const status = await fetch(
      `${url}/api/ligdicash/status/${orderId}${mode === "wait" ? "?wait=25" : ""}`,
    ).then(
      async (response) => (await response.json()).status,
      () => "lost",
    );
    if (status === "paid") return performance.now();
    if (mode === "poll" || status === "lost") await delay(sent + POLL_MS - performance.now());
  }
}

/** `POST /pay`, clicked again after a 503 (a loaded machine may keep the store or LigdiCash waiting). */
async function pay(url, orderId) {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${url}/api/ligdicash/pay`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ orderId }),
    });
    if (response.ok) return;
    const body = await response.text();
    if (response.status !== 503 || attempt === 5)
      throw new Error(`pay: ${response.status} ${body}`);
    console.error(`(pay answered 503 ${body}; clicking again)`);
    await delay(500);
  }
}

/** Posts the callback as LigdiCash does (again after a 503); resolves the time it was answered. */
async function postCallback(url, transactionId) {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${url}/api/ligdicash/callback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        status: "completed",
        custom_data: [{ keyof_customdata: "transaction_id", valueof_customdata: transactionId }],
      }),
    });
    const body = await response.text();
    if (response.ok) return performance.now();
    if (response.status !== 503 || attempt === 5)
      throw new Error(`callback: ${response.status} ${body}`);
    console.error(`(callback answered 503 ${body}; sent again)`);
    await delay(500);
  }
}

function instance(storage, apiUrl, run) {
  const child = fork(
    fileURLToPath(new URL("./instance.mjs", import.meta.url)),
    [storage, apiUrl, run],
    {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  return new Promise((resolve) =>
    child.on("message", (m) => {
      if (m.type !== "ready") return;
      resolve({
        url: m.url,
        stop: () => new Promise((done) => (child.on("exit", done), child.send({ type: "stop" }))),
      });
    }),
  );
}

/** Leaves nothing behind: the run's tables or keys. */
async function dropShared(storage, run) {
  if (storage === "postgres") {
    const { PostgresPaymentStore } = await import("@ligdicash-kit/server/postgres");
    const tables = new PostgresPaymentStore({
      connectionString: PG_URL,
      tablePrefix: `ligdicash_${run}`,
    });
    await tables.dropTables();
    await tables.close();
    return;
  }
  const { Redis } = await import("ioredis");
  const redis = new Redis(REDIS_URL);
  for await (const keys of redis.scanStream({ match: `{ligdicash-${run}}:*`, count: 500 })) {
    if (keys.length) await redis.del(...keys);
  }
  await redis.quit();
}
