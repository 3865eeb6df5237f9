import type { Operator } from "../operators.js";
import type { EmulatorPayout } from "./types.js";

/** The emulator's full record of a payout: the public view plus what LigdiCash reports back. */
export interface PayoutRecord extends EmulatorPayout {
  operator: Operator;
  createdDate: Date;
  /** Last status change: the `date` of confirm. */
  updatedDate: Date;
}

/** All payouts of one emulator, found by id, token or the shop's transaction id. */
export class PayoutBook {
  readonly #byId = new Map<string, PayoutRecord>();
  readonly #idByToken = new Map<string, string>();
  readonly #idByTransaction = new Map<string, string>();
  // `id_finance` values are decimal strings; start somewhere random so runs do not look alike.
  #lastId = 4_000_000 + Math.floor(Math.random() * 1_000_000);

  nextId(): string {
    this.#lastId += 1;
    return String(this.#lastId);
  }

  add(record: PayoutRecord): void {
    this.#byId.set(record.id, record);
    this.#idByToken.set(record.token, record.id);
    if (record.transactionId !== "") this.#idByTransaction.set(record.transactionId, record.id);
  }

  findByToken(token: string): PayoutRecord | undefined {
    const id = this.#idByToken.get(token);
    return id === undefined ? undefined : this.#byId.get(id);
  }

  find(idOrToken: string): PayoutRecord | undefined {
    return this.#byId.get(idOrToken) ?? this.findByToken(idOrToken);
  }

  /** Whether a payout with this `custom_data.transaction_id` exists, whatever its status. */
  hasTransaction(transactionId: string): boolean {
    return transactionId !== "" && this.#idByTransaction.has(transactionId);
  }

  list(): EmulatorPayout[] {
    return [...this.#byId.values()].map(toPublicPayout);
  }

  clear(): void {
    this.#byId.clear();
    this.#idByToken.clear();
    this.#idByTransaction.clear();
  }
}

/** A detached copy with only the public fields, so callers cannot change the record. */
export function toPublicPayout(record: PayoutRecord): EmulatorPayout {
  return {
    id: record.id,
    token: record.token,
    method: record.method,
    status: record.status,
    amount: record.amount,
    customer: record.customer,
    operatorId: record.operatorId,
    operatorName: record.operatorName,
    description: record.description,
    transactionId: record.transactionId,
    customData: { ...record.customData },
    callbackUrl: record.callbackUrl,
    topUpWallet: record.topUpWallet,
    createdAt: record.createdAt,
  };
}
