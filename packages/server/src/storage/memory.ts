import type { Fulfilment, Payment, PaymentPatch, PaymentStatus } from "../core/payment.js";
import { closeStore, guardStore } from "./guard.js";
import { fulfilmentCompleted, type PaymentStore } from "./store.js";

/**
 * A store in process memory, for tests and single-process demos: everything is lost on restart.
 *
 * @example
 * ligdicash({ storage: new MemoryPaymentStore(), ... })
 */
export class MemoryPaymentStore implements PaymentStore {
  readonly #payments = new Map<string, Payment>();
  readonly #paidOrders = new Map<string, string>();

  constructor() {
    guardStore(this, { backend: "memory", timeoutMs: null, isUnavailable: () => false });
  }

  insert(payment: Payment): Promise<void> {
    if (this.#payments.has(payment.id)) {
      return Promise.reject(new Error(`payment ${payment.id} already exists`));
    }
    this.#payments.set(payment.id, { ...payment });
    return Promise.resolve();
  }

  get(id: string): Promise<Payment | null> {
    const payment = this.#payments.get(id);
    return Promise.resolve(payment ? { ...payment } : null);
  }

  listByOrder(orderId: string): Promise<Payment[]> {
    return Promise.resolve(
      this.#select((p) => p.orderId === orderId).sort(
        (a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1),
      ),
    );
  }

  patch(id: string, fields: PaymentPatch): Promise<void> {
    const payment = this.#payments.get(id);
    if (payment) Object.assign(payment, fields, { updatedAt: fields.updatedAt ?? Date.now() });
    return Promise.resolve();
  }

  transition(
    id: string,
    from: PaymentStatus,
    to: PaymentStatus,
    fields: PaymentPatch = {},
  ): Promise<boolean> {
    const payment = this.#payments.get(id);
    if (!payment || payment.status !== from) return Promise.resolve(false);
    Object.assign(payment, fields, { status: to, updatedAt: fields.updatedAt ?? Date.now() });
    return Promise.resolve(true);
  }

  claimOrder(orderId: string, paymentId: string): Promise<string> {
    const owner = this.#paidOrders.get(orderId);
    if (owner !== undefined) return Promise.resolve(owner);
    this.#paidOrders.set(orderId, paymentId);
    return Promise.resolve(paymentId);
  }

  claimFulfilment(id: string, token: string, now: number, until: number): Promise<boolean> {
    const payment = this.#payments.get(id);
    if (!payment || !isClaimable(payment, now)) return Promise.resolve(false);
    Object.assign(payment, { claimedUntil: until, claimToken: token });
    return Promise.resolve(true);
  }

  renewFulfilment(id: string, token: string, until: number): Promise<boolean> {
    const payment = this.#payments.get(id);
    const held = payment?.claimToken === token && payment.fulfilment === null;
    if (held) payment.claimedUntil = until;
    return Promise.resolve(held);
  }

  completeFulfilment(id: string, now: number, outcome: Fulfilment): Promise<void> {
    const payment = this.#payments.get(id);
    if (payment) Object.assign(payment, fulfilmentCompleted(now, outcome));
    return Promise.resolve();
  }

  releaseFulfilment(
    id: string,
    token: string,
    error: string,
    now: number,
    retryAt: number,
  ): Promise<void> {
    const payment = this.#payments.get(id);
    if (payment?.claimToken === token) {
      Object.assign(payment, {
        claimedUntil: retryAt,
        claimToken: null,
        fulfilAttempts: payment.fulfilAttempts + 1,
        lastError: error,
        updatedAt: now,
      });
    }
    return Promise.resolve();
  }

  listDuePending(now: number, createdAfter: number, limit: number): Promise<Payment[]> {
    const due = this.#select(
      (p) =>
        p.status === "pending" &&
        p.invoiceToken !== null &&
        p.nextCheckAt !== null &&
        p.nextCheckAt <= now &&
        p.createdAt > createdAfter,
    );
    due.sort((a, b) => (a.nextCheckAt ?? 0) - (b.nextCheckAt ?? 0));
    return Promise.resolve(due.slice(0, limit));
  }

  listUnfulfilled(now: number, limit: number): Promise<Payment[]> {
    const open = this.#select((p) => isClaimable(p, now));
    open.sort((a, b) => a.updatedAt - b.updatedAt);
    return Promise.resolve(open.slice(0, limit));
  }

  /** Nothing to release; from now on every call is refused, as with the other stores. */
  close(): Promise<void> {
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
