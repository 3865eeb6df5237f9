import { findOperator, OPERATORS } from "../operators.js";
import type { OperatorBalance } from "./types.js";

/**
 * The merchant's sub-accounts, one per operator. LigdiCash opens a sub-account with the first
 * payin (or Cashin) on its operator; a payout draws on the sub-account of the beneficiary's operator.
 */
export class OperatorBalances {
  readonly #initial: ReadonlyMap<string, number>;
  #balances = new Map<string, number>();

  constructor(initial: Record<string, number> = {}) {
    for (const [operatorId, amount] of Object.entries(initial)) {
      requireOperator(operatorId);
      requireAmount(amount, "balance");
    }
    this.#initial = new Map(Object.entries(initial));
    this.reset();
  }

  /** The balance in XOF, or `null` when there is no sub-account on this operator. */
  get(operatorId: string): number | null {
    return this.#balances.get(operatorId) ?? null;
  }

  /** Adds to a sub-account, opening it if needed; returns the new balance. */
  credit(operatorId: string, amount: number): number {
    requireOperator(operatorId);
    requireAmount(amount, "amount");
    const balance = (this.#balances.get(operatorId) ?? 0) + amount;
    this.#balances.set(operatorId, balance);
    return balance;
  }

  /** Takes from an open sub-account; the caller has checked that it holds enough. */
  debit(operatorId: string, amount: number): void {
    const balance = this.#balances.get(operatorId);
    if (balance === undefined || balance < amount) {
      throw new Error(`sub-account ${operatorId} cannot pay ${amount}`);
    }
    this.#balances.set(operatorId, balance - amount);
  }

  /** Sets a balance; `null` closes the sub-account. */
  set(operatorId: string, balance: number | null): void {
    requireOperator(operatorId);
    if (balance === null) {
      this.#balances.delete(operatorId);
      return;
    }
    requireAmount(balance, "balance");
    this.#balances.set(operatorId, balance);
  }

  list(): OperatorBalance[] {
    return OPERATORS.map((operator) => ({
      operatorId: operator.id,
      operatorName: operator.name,
      balance: this.get(operator.id),
    }));
  }

  reset(): void {
    this.#balances = new Map(this.#initial);
  }
}

function requireOperator(operatorId: string): void {
  if (typeof operatorId !== "string" || !findOperator(operatorId)) {
    throw new TypeError(`Unknown LigdiCash operator id "${String(operatorId)}"`);
  }
}

function requireAmount(amount: unknown, name: string): void {
  if (typeof amount !== "number" || !Number.isSafeInteger(amount) || amount < 0) {
    throw new TypeError(`${name} must be a whole number of XOF >= 0`);
  }
}
