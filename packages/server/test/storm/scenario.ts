import { fileURLToPath } from "node:url";
import type { PostgresPaymentStore } from "../../src/storage/postgres.js";
import type { RedisPaymentStore } from "../../src/storage/redis.js";
import { PG_URL, REDIS_URL } from "../services.js";
import type { Rotation } from "./balancer.js";
import type { Outcome } from "./checks.js";
import { Driver, eachLimited } from "./driver.js";
import { Fleet } from "./fleet.js";
import { makePlan, type Task } from "./plan.js";
import type { Children } from "./processes.js";
import { readRuns } from "./runs.js";
import type { StormOptions } from "./storm.js";

const API_KEY = "storm-api-key-0123456789";
const AUTH_TOKEN = "storm-auth-token-9876543210";
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
/** Past the hook timeout and the lease, so that the lease must be renewed while the kill comes. */
const SLOW_HOOK_MS = 5_000;
const RECONCILE = {
  intervalMs: 250,
  firstCheckAfterMs: 1_000,
  maxBackoffMs: 4_000,
  hookLeaseMs: 4_000,
  hookTimeoutMs: 1_000,
};

export interface Context extends Omit<StormOptions, "store"> {
  kind: StormOptions["store"];
  seed: number;
  run: string;
  dir: string;
  prefix: string;
  children: Children;
  store: PostgresPaymentStore | RedisPaymentStore;
  rotation: Rotation;
  /** The balancer's address: the shop's public URL. */
  publicUrl: string;
  signal: AbortSignal;
}

/** What happens in a storm, from the emulator's start to the store's last word. */
export async function playStorm(
  c: Context,
): Promise<Omit<Outcome, "relayed"> & { phases: Record<string, number> }> {
  const { size, children, store, rotation } = c;
  const phases: Record<string, number> = {};
  let mark = performance.now();
  const phase = (name: string) => {
    phases[name] = (performance.now() - mark) / 1000;
    mark = performance.now();
  };
  const plan = makePlan(c.run, size, c.seed);
  // Connected (and its tables made) now: after the kill, the leases must be read at once.
  await store.now();
  const emulator = await children.start("emulator", here("./emulator.mjs"), {
    apiKey: API_KEY,
    authToken: AUTH_TOKEN,
  });
  const fleet = new Fleet(children, rotation, store, c.dir, {
    store: c.kind,
    prefix: c.prefix,
    slowHookMs: SLOW_HOOK_MS,
    pgUrl: PG_URL,
    redisUrl: REDIS_URL,
    apiKey: API_KEY,
    authToken: AUTH_TOKEN,
    emulatorUrl: emulator.url,
    publicUrl: c.publicUrl,
    recheckIntervalMs: 500,
    reconcile: RECONCILE,
  });
  await Promise.all(Array.from({ length: size.instances }, (_, i) => fleet.start(i)));
  const driver = new Driver(rotation);
  const control = (path: string, body?: unknown) =>
    fetch(`${emulator.url}/__emulator/${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    }).then(async (r) => {
      if (!r.ok) throw new Error(`emulator ${path}: ${r.status} ${await r.text()}`);
      return r.json();
    });

  phase("start-up");
  const started = performance.now();
  await eachLimited(plan.orders, size.concurrency, async (order) => {
    const answer = await driver.pay(order.orderId);
    if (answer.status !== 200) throw new Error(`pay ${order.orderId}: ${answer.status}`);
  });
  const invoices = new Map<string, { token: string; transactionId: string }>();
  for (const invoice of (await control("invoices")) as Array<{
    token: string;
    customData: Record<string, string>;
  }>) {
    const orderId = invoice.customData.order_id ?? "";
    invoices.set(orderId, {
      token: invoice.token,
      transactionId: invoice.customData.transaction_id ?? "",
    });
  }
  phase("pay");
  const polls: Outcome["polls"] = [];
  const runTask = async (task: Task) => {
    const order = plan.orders[task.order]!;
    const invoice = invoices.get(order.orderId)!;
    if (task.kind === "settle") {
      await control(`invoices/${invoice.token}/settle`, { status: "completed" });
    } else if (task.kind === "callback") {
      await driver.callback(invoice.transactionId, order.amount, task.encoding);
    } else {
      const sent = performance.now();
      const { body } = await driver.poll(order.orderId);
      const answer = typeof body.status === "string" ? body.status : undefined;
      polls.push({ orderId: order.orderId, sent, done: performance.now(), answer });
    }
  };
  await eachLimited(plan.tasks, size.concurrency, runTask);
  const seconds = (performance.now() - started) / 1000;
  await fleet.killing;
  phase("callbacks and polls");

  // The reconcilers finish what the kill cut: wait until the store shows every order fulfilled.
  const orderIds = plan.orders.map((o) => o.orderId);
  await until(c.signal, async () => {
    const open = await Promise.all(orderIds.map((id) => store.listByOrder(id)));
    return open.every((attempts) => attempts.some((p) => p.status === "paid" && p.fulfilment));
  });
  phase("until fulfilled");
  for (const id of orderIds) {
    const { body } = await driver.poll(id);
    if (body.status !== "paid") throw new Error(`${id}: status ${String(body.status)} at the end`);
  }
  driver.samples.length -= orderIds.length; // the final check is not part of the storm's figures
  await fleet.stop();
  const deliveries = (await control("callbacks")) as Outcome["deliveries"];
  await children.stop(emulator);
  phase("stop");

  const stored: Outcome["stored"] = new Map();
  for (const id of orderIds) {
    stored.set(id, { attempts: await store.listByOrder(id), record: await store.getOrder(id) });
  }
  return {
    orders: plan.orders,
    paymentIds: new Map([...invoices].map(([orderId, i]) => [orderId, i.transactionId])),
    stored,
    runs: readRuns(c.dir),
    kill: fleet.kill,
    samples: driver.samples,
    deliveries,
    polls,
    cut: driver.cut,
    seconds,
    phases,
  };
}

/** Checks `done` until it holds; the storm's deadline bounds the wait. */
async function until(signal: AbortSignal, done: () => Promise<boolean>): Promise<void> {
  while (!(await done())) {
    signal.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
