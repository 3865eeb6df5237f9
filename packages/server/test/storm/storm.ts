import { randomBytes, randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PostgresPaymentStore } from "../../src/storage/postgres.js";
import { RedisPaymentStore } from "../../src/storage/redis.js";
import { dropRedisKeys, PG_URL, REDIS_URL } from "../services.js";
import { Rotation, startBalancer } from "./balancer.js";
import { check, type Figures, type Outcome } from "./checks.js";
import { Driver, eachLimited } from "./driver.js";
import { makePlan, type StormSize, type Task } from "./plan.js";
import { Children, type Child, type ChildMessage } from "./processes.js";
import { readRuns, type Kill } from "./runs.js";
import { summarizeLogs } from "./report.js";

export interface StormOptions {
  store: "postgres" | "redis";
  size: StormSize;
  /** The whole storm, start-up and checks included, or it fails (every process killed). */
  timeoutMs: number;
  seed?: number;
}

export interface StormResult {
  store: StormOptions["store"];
  size: StormSize;
  seed: number;
  failures: string[];
  figures: Figures;
  /** What the instances logged at warn and error level, counted by message. */
  logs: Map<string, number>;
  /** The instances' hook records and logs; kept when the storm failed. */
  dir: string;
  kill: Kill | null;
  /** Seconds spent in each step of the storm. */
  phases: Record<string, number>;
}

const API_KEY = "storm-api-key-0123456789";
const AUTH_TOKEN = "storm-auth-token-9876543210";
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
/** Past the hook timeout and the lease, so that the lease must be renewed while the kill comes. */
const SLOW_HOOK_MS = 4_000;
const RECONCILE = {
  intervalMs: 250,
  firstCheckAfterMs: 1_000,
  maxBackoffMs: 4_000,
  hookLeaseMs: 3_000,
  hookTimeoutMs: 1_000,
};

/**
 * Real processes on one shared store: `size.instances` shop instances, one emulator, a balancer
 * for LigdiCash's callbacks. Pays every order, sends the duplicates and polls, SIGKILLs the
 * instance running the first slow onPaid and starts it again, waits until every order is
 * fulfilled, stops everything and checks what happened.
 */
export async function runStorm(options: StormOptions): Promise<StormResult> {
  const seed = options.seed ?? randomInt(2 ** 31);
  const run = randomBytes(4).toString("hex");
  const dir = mkdtempSync(join(tmpdir(), "ligdicash-storm-"));
  const children = new Children(dir);
  const prefix =
    options.store === "postgres" ? `ligdicash_storm_${run}` : `{ligdicash-storm-${run}}:`;
  const store =
    options.store === "postgres"
      ? new PostgresPaymentStore({ connectionString: PG_URL, tablePrefix: prefix })
      : new RedisPaymentStore({ url: REDIS_URL, keyPrefix: prefix });
  const rotation = new Rotation();
  const balancer = await startBalancer(rotation);
  const stop = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let failed = true;
  try {
    const storm = stormIn({
      ...options,
      kind: options.store,
      ...{ seed, run, dir, prefix, children, store, rotation, publicUrl: balancer.url },
      signal: stop.signal,
    });
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        stop.abort();
        children.killAll();
        reject(new Error(`the storm did not finish within ${options.timeoutMs} ms (seed ${seed})`));
      }, options.timeoutMs);
    });
    storm.catch(() => undefined); // after a timeout, its own failure is no news
    const outcome = await Promise.race([storm, deadline]);
    const { failures, figures } = check({ ...outcome, relayed: balancer.relayed });
    failed = failures.length > 0;
    return {
      store: options.store,
      size: options.size,
      seed,
      failures,
      figures,
      logs: summarizeLogs(dir),
      dir,
      kill: outcome.kill,
      phases: outcome.phases,
    };
  } finally {
    clearTimeout(timer);
    stop.abort();
    children.dispose();
    await balancer.close();
    if (store instanceof PostgresPaymentStore) await store.dropTables();
    await store.close();
    if (options.store === "redis") await dropRedisKeys(prefix);
    if (!failed) rmSync(dir, { recursive: true, force: true });
  }
}

interface Context extends Omit<StormOptions, "store"> {
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

async function stormIn(
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
  const current = new Map<number, Child>();
  let generation = 0;
  // Set from the instances' messages: the kill once it is done, and its work while under way.
  const killed: { kill: Kill | null; killing: Promise<void> | null } = {
    kill: null,
    killing: null,
  };

  const startInstance = async (index: number) => {
    const settings = {
      index,
      store: c.kind,
      prefix: c.prefix,
      dir: c.dir,
      slowHookMs: SLOW_HOOK_MS,
      pgUrl: PG_URL,
      redisUrl: REDIS_URL,
      apiKey: API_KEY,
      authToken: AUTH_TOKEN,
      emulatorUrl: emulator.url,
      publicUrl: c.publicUrl,
      recheckIntervalMs: 500,
      reconcile: RECONCILE,
    };
    const name = `instance-${index}-${generation++}`;
    const child = await children.start(name, here("./instance.mjs"), settings, (m) =>
      onHook(index, m),
    );
    current.set(index, child);
    rotation.set(index, child.url);
  };

  // The first slow onPaid to start: its instance is SIGKILLed at once, then started again.
  const onHook = (index: number, message: ChildMessage) => {
    const orderId = String(message.orderId);
    if (killed.killing || message.event !== "paid-start" || !orderId.endsWith("-slow")) return;
    killed.killing = (async () => {
      const child = current.get(index)!;
      rotation.remove(index);
      child.process.kill("SIGKILL");
      const diedAt = await child.exited;
      // The leases the dead process held, read at once (all together): nobody may take them
      // before they expire, so these are the leases it left behind.
      const ids = new Set(
        readRuns(c.dir).flatMap((r) => (r.pid === child.pid ? [r.paymentId] : [])),
      );
      const payments = await Promise.all([...ids].map((id) => store.get(id)));
      const leases: Kill["leases"] = new Map(
        payments.flatMap((p) =>
          p ? [[p.id, { claimedUntil: p.claimedUntil, fulfilment: p.fulfilment }] as const] : [],
        ),
      );
      killed.kill = { index, pid: child.pid, orderId, diedAt, leasesReadAt: Date.now(), leases };
      await startInstance(index);
    })();
  };

  await Promise.all(Array.from({ length: size.instances }, (_, i) => startInstance(i)));
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
  await killed.killing;
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
  await Promise.all([...current.values()].map((child) => children.stop(child)));
  const deliveries = ((await control("callbacks")) as Array<{ responseStatus: number | null }>).map(
    (d) => d.responseStatus,
  );
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
    kill: killed.kill,
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
