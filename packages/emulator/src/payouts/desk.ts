import { randomBytes } from "node:crypto";
import type { PayoutOrder } from "../api/payout-request.js";
import type { LigdicashFailure } from "../api/responses.js";
import type { CallbackDispatcher } from "../callbacks/dispatcher.js";
import { planPayoutCallbacks } from "../callbacks/plan.js";
import type { FaultBook } from "../faults.js";
import type { InvoiceStatus } from "../types.js";
import { signPayoutToken } from "../wire/token.js";
import { OperatorBalances } from "./balances.js";
import { PAYOUT_CODES } from "./codes.js";
import { beneficiaryOperator } from "./numbering.js";
import { PayoutBook, type PayoutRecord } from "./record.js";

export interface PayoutDeskConfig {
  dispatcher: CallbackDispatcher;
  faults: FaultBook;
  log: (line: string) => void;
  /** Delay before a mobile-money payout completes by itself; `null`: never. */
  delayMs: number | null;
  balances: Record<string, number>;
}

/** Thrown by the control functions for an id or token the emulator never issued. */
export class UnknownPayoutError extends Error {
  constructor(idOrToken: string) {
    super(`Unknown payout "${idOrToken.length > 24 ? `${idOrToken.slice(0, 24)}…` : idOrToken}"`);
    this.name = "UnknownPayoutError";
  }
}

const STATUSES: readonly InvoiceStatus[] = ["pending", "completed", "notcompleted"];

/**
 * LigdiCash's payout rules: the repeat guard, wallet accounts, the beneficiary's operator and its
 * sub-account; then settlement (wallet at once, mobile money after a delay) and callbacks.
 */
export class PayoutDesk {
  readonly book = new PayoutBook();
  readonly balances: OperatorBalances;
  readonly #unregistered = new Set<string>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #secret = randomBytes(32);
  readonly #config: PayoutDeskConfig;

  constructor(config: PayoutDeskConfig) {
    this.#config = config;
    this.balances = new OperatorBalances(config.balances);
  }

  /** Checks a valid request against the merchant's state; on success the payout exists and is paid for. */
  create(
    order: PayoutOrder,
  ): { ok: true; record: PayoutRecord } | { ok: false; failure: LigdicashFailure } {
    const codes = PAYOUT_CODES[order.method];
    const transactionId = order.customData.transaction_id ?? "";
    // First, so that a repeat is recognised whatever the state of the balance or the number now.
    if (this.book.hasTransaction(transactionId)) return refuse(codes.exists);
    if (order.method === "wallet" && this.#unregistered.has(order.customer)) {
      return refuse(PAYOUT_CODES.wallet.notRegistered);
    }
    const operator = beneficiaryOperator(order.customer);
    if (!operator) return refuse(codes.notIdentified);
    const balance = this.balances.get(operator.id);
    if (balance === null) return refuse(codes.noMerchantAccount);
    if (balance < order.amount) return refuse(codes.balance);

    this.balances.debit(operator.id, order.amount);
    const now = new Date();
    const id = this.book.nextId();
    const record: PayoutRecord = {
      id,
      token: signPayoutToken(id, now, this.#secret),
      method: order.method,
      // A wallet payout is credited at once; mobile money waits for the operator.
      status: order.method === "wallet" ? "completed" : "pending",
      amount: order.amount,
      customer: order.customer,
      operatorId: operator.id,
      operatorName: operator.name,
      operator,
      description: order.description,
      transactionId,
      customData: order.customData,
      callbackUrl: order.callbackUrl,
      topUpWallet: order.topUpWallet,
      createdAt: now.toISOString(),
      createdDate: now,
      updatedDate: now,
    };
    this.book.add(record);
    this.#config.log(
      `payout ${id} created: ${order.amount} XOF by ${order.method} via ${operator.name}, ${record.status}`,
    );
    return { ok: true, record };
  }

  /** What follows a create once it is answered (or not): the wallet callbacks, or the operator's delay. */
  start(record: PayoutRecord): void {
    if (record.status !== "pending") {
      void this.#announce(record);
      return;
    }
    const { delayMs } = this.#config;
    if (delayMs === null) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (record.status !== "pending") return;
      this.settle(record.id, "completed").catch((error: unknown) => {
        this.#config.log(`payout ${record.id}: settlement failed: ${String(error)}`);
      });
    }, delayMs);
    this.#timers.add(timer);
  }

  async settle(idOrToken: string, status: InvoiceStatus): Promise<void> {
    const record = this.book.find(idOrToken);
    if (!record) throw new UnknownPayoutError(idOrToken);
    if (!STATUSES.includes(status))
      throw new TypeError(`Unknown payout status "${String(status)}"`);
    if (record.status !== "pending" && record.status !== status) {
      throw new TypeError(`Payout ${record.id} is already ${record.status}`);
    }
    if (record.status !== status) {
      record.status = status;
      record.updatedDate = new Date();
      if (status === "notcompleted") this.balances.credit(record.operatorId, record.amount);
      this.#config.log(`payout ${record.id} ${status}`);
    }
    await this.#announce(record);
  }

  /** Records whether a number has a LigdiCash account (every number has one by default). */
  setWalletAccount(customer: string, registered: boolean): void {
    if (typeof customer !== "string" || !/^\d{8,15}$/.test(customer)) {
      throw new TypeError("customer must be country code + number, digits only");
    }
    if (typeof registered !== "boolean") throw new TypeError("registered must be a boolean");
    if (registered) this.#unregistered.delete(customer);
    else this.#unregistered.add(customer);
  }

  /** Stops the timers of pending mobile-money payouts. */
  cancelTimers(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  reset(): void {
    this.cancelTimers();
    this.book.clear();
    this.balances.reset();
    this.#unregistered.clear();
  }

  async #announce(record: PayoutRecord): Promise<void> {
    const faults = this.#config.faults.payoutCallbacks;
    const posts = planPayoutCallbacks(record, faults, this.#config.faults.quirks);
    if (posts.length === 0) this.#config.log(`payout ${record.id}: no callback sent`);
    const subject = { kind: "payout", id: record.id } as const;
    await this.#config.dispatcher.deliver(subject, record.callbackUrl, posts, faults.delayMs);
  }
}

function refuse(code: string): { ok: false; failure: LigdicashFailure } {
  return { ok: false, failure: { code } };
}
