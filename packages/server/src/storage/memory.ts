import type { OrderRecord } from "../model/order.js";
import type { Fulfilment, Payment, PaymentPatch, PaymentStatus } from "../model/payment.js";
import { ChangeListeners, type ChangeListener } from "./change-listeners.js";
import { closeStore, guardStore } from "./guard.js";
import { MemoryPayouts } from "./memory-payouts.js";
import { PayoutDelegation } from "./payout-delegation.js";
import { fulfilmentCompleted, type LigdicashStore } from "./store.js";

/**
 * A store in process memory, for tests and single-process demos: everything is lost on restart.
 *
 * @example
 * ligdicash({ storage: new MemoryPaymentStore(), ... })
 */
export class MemoryPaymentStore extends PayoutDelegation implements LigdicashStore {
  readonly #payments = new Map<string, Payment>();
  readonly #orders = new Map<string, OrderRecord>();
  readonly #clock: () => number;
  readonly #changes = new ChangeListeners();
  readonly #payouts: MemoryPayouts;

  /** `now` replaces the store's clock (simulated time in tests). */
  constructor(options: { now?: () => number } = {}) {
    super();
    this.#clock = options.now ?? Date.now;
    this.#payouts = new MemoryPayouts(this.#payments, this.#clock);
    guardStore(this, { backend: "memory", timeoutMs: null, isUnavailable: () => false });
  }

  protected get payoutBackend(): MemoryPayouts {
    return this.#payouts;
  }

  insert(payment: Payment): Promise<void> {
    return this.#run(() => {
      if (this.#payments.has(payment.id)) throw new Error(`payment ${payment.id} already exists`);
      this.#payments.set(payment.id, { ...payment });
    });
  }

  get(id: string): Promise<Payment | null> {
    return this.#run(() => {
      const payment = this.#payments.get(id);
      return payment ? { ...payment } : null;
    });
  }

  listByOrder(orderId: string): Promise<Payment[]> {
    return this.#run(() =>
      this.#select((p) => p.orderId === orderId).sort(
        (a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1),
      ),
    );
  }

  patch(id: string, fields: PaymentPatch): Promise<void> {
    return this.#run(() => {
      const payment = this.#payments.get(id);
      if (payment) Object.assign(payment, fields, { updatedAt: fields.updatedAt ?? this.#clock() });
    });
  }

  transition(
    id: string,
    from: PaymentStatus,
    to: PaymentStatus,
    fields: PaymentPatch = {},
  ): Promise<boolean> {
    return this.#run(() => {
      const payment = this.#payments.get(id);
      if (!payment || payment.status !== from) return false;
      Object.assign(payment, fields, { status: to, updatedAt: fields.updatedAt ?? this.#clock() });
      // Told after the call returns, as a store in another process would be.
      const orderId = payment.orderId;
      queueMicrotask(() => this.#changes.emit(orderId));
      return true;
    });
  }

  expectOrder(orderId: string, amount: number): Promise<OrderRecord> {
    return this.#run(() => {
      const order = this.#orders.get(orderId) ?? { orderId, amount: null, paidBy: null };
      if (order.paidBy === null) order.amount = amount;
      this.#orders.set(orderId, order);
      return { ...order };
    });
  }

  getOrder(orderId: string): Promise<OrderRecord | null> {
    return this.#run(() => {
      const order = this.#orders.get(orderId);
      return order ? { ...order } : null;
    });
  }

  claimOrder(orderId: string, paymentId: string, amount: number): Promise<OrderRecord> {
    return this.#run(() => {
      const order = this.#orders.get(orderId) ?? { orderId, amount, paidBy: null };
      if (order.paidBy === null && (order.amount === null || order.amount === amount)) {
        order.paidBy = paymentId;
      }
      this.#orders.set(orderId, order);
      return { ...order };
    });
  }

  claimFulfilment(id: string, token: string, leaseMs: number): Promise<boolean> {
    return this.#run(() => {
      const payment = this.#payments.get(id);
      const now = this.#clock();
      if (!payment || !isClaimable(payment, now)) return false;
      Object.assign(payment, { claimedUntil: now + leaseMs, claimToken: token });
      return true;
    });
  }

  renewFulfilment(id: string, token: string, leaseMs: number): Promise<boolean> {
    return this.#run(() => {
      const payment = this.#payments.get(id);
      const held = payment?.claimToken === token && payment.fulfilment === null;
      if (held) payment.claimedUntil = this.#clock() + leaseMs;
      return held;
    });
  }

  completeFulfilment(id: string, outcome: Fulfilment): Promise<void> {
    return this.#run(() => {
      const payment = this.#payments.get(id);
      if (payment && payment.fulfilment === null) {
        Object.assign(payment, fulfilmentCompleted(this.#clock(), outcome));
      }
    });
  }

  releaseFulfilment(id: string, token: string, error: string, retryAfterMs: number): Promise<void> {
    return this.#run(() => {
      const payment = this.#payments.get(id);
      if (payment?.claimToken !== token) return;
      const now = this.#clock();
      Object.assign(payment, {
        claimedUntil: now + retryAfterMs,
        claimToken: null,
        fulfilAttempts: payment.fulfilAttempts + 1,
        lastError: error,
        updatedAt: now,
      });
    });
  }

  listDuePending(now: number, createdAfter: number, limit: number): Promise<Payment[]> {
    return this.#run(() => {
      const due = this.#select(
        (p) =>
          p.status === "pending" &&
          p.invoiceToken !== null &&
          p.nextCheckAt !== null &&
          p.nextCheckAt <= now &&
          p.createdAt > createdAfter,
      );
      due.sort((a, b) => (a.nextCheckAt ?? 0) - (b.nextCheckAt ?? 0));
      return due.slice(0, limit);
    });
  }

  listUnfulfilled(limit: number): Promise<Payment[]> {
    return this.#run(() => {
      const now = this.#clock();
      const open = this.#select((p) => isClaimable(p, now));
      open.sort((a, b) => a.updatedAt - b.updatedAt);
      return open.slice(0, limit);
    });
  }

  now(): Promise<number> {
    return this.#run(() => this.#clock());
  }

  /** Every call goes through here: a throw becomes a rejection. */
  #run<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Reports the transitions of this store (one process: an in-memory emitter). */
  watch(listener: ChangeListener): () => void {
    return this.#changes.add(listener);
  }

  /** Nothing to release; from now on every call is refused, as with the other stores. */
  close(): Promise<void> {
    this.#changes.close();
    return closeStore(this, () => Promise.resolve());
  }

  #select(predicate: (payment: Payment) => boolean): Payment[] {
    return [...this.#payments.values()].filter(predicate).map((p) => ({ ...p }));
  }
}

function isClaimable(payment: Payment, now: number): boolean {
  return (
    payment.status !== "pending" &&
    payment.fulfilment === null &&
    (payment.claimedUntil === null || payment.claimedUntil <= now)
  );
}
