import { createLigdicash, type Ligdicash } from "../../src/core/handler.js";
import type { PaymentInfo } from "../../src/model/payment.js";
import { MemoryPaymentStore } from "../../src/storage/memory.js";
import type { PaymentStore } from "../../src/storage/store.js";
import { storeClosed } from "../../src/storage/unavailable.js";
import { FakeLigdicash } from "../fake-ligdicash.js";
import { SimClock } from "../sim-clock.js";

export const FIRST_CHECK_MS = 10_000;
export const LEASE_MS = 1_000;
export const HOOK_TIMEOUT_MS = 1_500;
export const RECHECK_MS = 3_000;
export const MAX_BACKOFF_MS = 60_000;
/** The clock skew between app hosts the model allows (the kit's leases do not depend on it). */
export const SKEW_BOUND_MS = 5_000;

type HookKind = "onPaid" | "onFailed" | "onRefundNeeded";

export interface HookPlan {
  /** Simulated time the hook takes; past HOOK_TIMEOUT_MS it outlives the timeout. */
  durationMs: number;
  /** Throws (once per payment) instead of finishing. */
  throws: boolean;
}

/** One app process: a kit on the shared store, until it crashes or is closed. */
interface Process {
  slot: number;
  kit: Ligdicash<undefined>;
  dead: boolean;
  /** Hooks this process started that have not finished: lost if it dies. */
  started: Set<string>;
}

interface Run {
  process: Process;
  paymentId: string;
}

/**
 * Several app processes sharing one store and one (fake) LigdiCash, on simulated time, recording
 * every hook run and every violation of the kit's promises as it happens.
 */
export class World {
  readonly clock = new SimClock();
  readonly store = new MemoryPaymentStore({ now: () => this.clock.now() });
  readonly ligdicash = new FakeLigdicash();
  readonly orders = new Map<string, { amount: number }>();
  readonly processes: Process[] = [];
  readonly violations: string[] = [];
  readonly trace: string[] = [];
  /** Hooks that ran to the end: kind and payment. */
  readonly completions: Array<{ kind: HookKind; payment: PaymentInfo }> = [];
  /** Hook runs cut short by a crash or shutdown before their completion was saved, per payment. */
  readonly interrupted = new Map<string, number>();
  readonly #work: Array<{ promise: Promise<unknown>; process: Process }> = [];
  #hookPlans: HookPlan[];
  #plan = 0;
  #thrown = new Set<string>();
  #running: Run[] = [];
  #terminal = new Map<string, string>();
  calm = false;

  constructor(
    readonly skews: number[],
    hookPlans: HookPlan[],
  ) {
    this.#hookPlans = hookPlans.length > 0 ? hookPlans : [{ durationMs: 0, throws: false }];
    for (let slot = 0; slot < skews.length; slot++) this.processes.push(this.#boot(slot));
  }

  #boot(slot: number): Process {
    const process: Process = { slot, kit: undefined as never, dead: false, started: new Set() };
    const hook = (kind: HookKind) => (payment: PaymentInfo) => this.#hook(kind, process, payment);
    process.kit = createLigdicash<undefined>(
      {
        getOrder: (orderId) => this.orders.get(orderId) ?? null,
        onPaid: hook("onPaid"),
        onFailed: hook("onFailed"),
        onRefundNeeded: hook("onRefundNeeded"),
        storage: this.#storeOf(process),
        fetch: this.ligdicash.fetch,
        apiKey: "model-api-key",
        authToken: "model-auth-token",
        publicUrl: "https://shop.example",
        logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
        timeouts: { confirmMs: 5_000, createMs: 5_000 },
        recheckIntervalMs: RECHECK_MS,
        shutdownTimeoutMs: 20,
        reconcile: {
          intervalMs: 0,
          firstCheckAfterMs: FIRST_CHECK_MS,
          maxBackoffMs: MAX_BACKOFF_MS,
          hookLeaseMs: LEASE_MS,
          hookTimeoutMs: HOOK_TIMEOUT_MS,
        },
      },
      { timers: this.clock.skewed(this.skews[slot] ?? 0) },
    );
    return process;
  }

  /** The shared store as one process sees it: once the process is dead, its calls never return. */
  #storeOf(process: Process): PaymentStore {
    let closed = false;
    const shared = this.store;
    return new Proxy(shared, {
      get: (target, name: keyof PaymentStore) => {
        return (...args: unknown[]) => {
          if (process.dead) return new Promise(() => undefined);
          if (name === "close") {
            closed = true;
            return Promise.resolve();
          }
          if (closed) return Promise.reject(storeClosed("memory"));
          if (/claim|renew|release|complete|transition|close/.test(name))
            this.trace.push(
              `t=${this.clock.now()} p${process.slot} ${name} ${JSON.stringify(args)}`,
            );
          if (name === "transition" && args[1] !== "pending") {
            this.violations.push(`transition from ${String(args[1])}`);
          }
          return (target[name] as (...a: unknown[]) => Promise<unknown>).call(target, ...args);
        };
      },
    });
  }

  async #hook(kind: HookKind, process: Process, payment: PaymentInfo): Promise<void> {
    const others = this.#running.filter((r) => r.paymentId === payment.id && !r.process.dead);
    if (others.length > 0) this.violations.push(`${kind} ran beside itself for ${payment.id}`);
    if (kind === "onPaid") {
      const order = await this.store.getOrder(payment.orderId);
      if (order?.paidBy !== payment.id || order.amount !== payment.amount) {
        this.violations.push(
          `onPaid for ${payment.id} at ${payment.amount} while the order is ${JSON.stringify(order)}`,
        );
      }
    }
    const plan = this.calm
      ? { durationMs: 0, throws: false }
      : this.#hookPlans[this.#plan++ % this.#hookPlans.length]!;
    const run = { process, paymentId: payment.id };
    this.trace.push(
      `t=${this.clock.now()} p${process.slot} start ${kind} ${payment.id} plan=${JSON.stringify(plan)}`,
    );
    this.#running.push(run);
    process.started.add(payment.id);
    if (plan.durationMs > 0) {
      await new Promise<void>((resolve) => this.clock.setTimeout(resolve, plan.durationMs));
    }
    if (process.dead) return new Promise(() => undefined);
    this.#running = this.#running.filter((r) => r !== run);
    if (plan.throws && !this.#thrown.has(payment.id)) {
      this.#thrown.add(payment.id);
      process.started.delete(payment.id);
      throw new Error("warehouse API down");
    }
    this.trace.push(`t=${this.clock.now()} p${process.slot} end ${kind} ${payment.id}`);
    this.completions.push({ kind, payment });
  }

  /** Keeps the promise of work fired at a process, to wait for it at the end. */
  track<T>(slot: number, promise: Promise<T>): Promise<T> {
    this.#work.push({ promise, process: this.processes[slot]! });
    return promise;
  }

  /** Waits for the work fired at processes still alive (a dead one's work never ends). */
  async settleWork(): Promise<void> {
    await Promise.allSettled(this.#work.filter((w) => !w.process.dead).map((w) => w.promise));
  }

  request(slot: number, method: string, path: string, body?: unknown, form = false) {
    const process = this.processes[slot]!;
    return process.kit.handle({
      method,
      path: `/api/ligdicash${path}`,
      headers: {
        "content-type": form ? "application/x-www-form-urlencoded" : "application/json",
        host: "shop.example",
      },
      body: { kind: "parsed", value: body },
      context: undefined,
    });
  }

  /** The process dies: nothing it does reaches the store again; a new one takes its slot. */
  async crash(slot: number): Promise<void> {
    const process = this.processes[slot]!;
    await this.#bury(process);
    this.processes[slot] = this.#boot(slot);
  }

  /** A rolling deploy: `close()`, then the process exits and a new one takes its slot. */
  async redeploy(slot: number): Promise<void> {
    const process = this.processes[slot]!;
    await process.kit.close();
    await this.#bury(process);
    this.processes[slot] = this.#boot(slot);
  }

  async #bury(process: Process): Promise<void> {
    process.dead = true;
    for (const id of process.started) {
      const payment = await this.store.get(id);
      if (payment?.fulfilment === null)
        this.interrupted.set(id, (this.interrupted.get(id) ?? 0) + 1);
    }
    this.#running = this.#running.filter((r) => r.process !== process);
  }

  /** Checks that no terminal payment moved since the last look. */
  async checkTerminal(): Promise<void> {
    for (const orderId of this.orders.keys()) {
      for (const payment of await this.store.listByOrder(orderId)) {
        const before = this.#terminal.get(payment.id);
        if (before !== undefined && before !== payment.status) {
          this.violations.push(`${payment.id} moved from ${before} to ${payment.status}`);
        }
        if (payment.status !== "pending") this.#terminal.set(payment.id, payment.status);
      }
    }
  }
}
