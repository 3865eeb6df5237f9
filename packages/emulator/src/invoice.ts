import type { EmulatorInvoice } from "./types.js";
import type { Operator } from "./operators.js";

/** The emulator's full record of an invoice: the public view plus what LigdiCash reports back. */
export interface InvoiceRecord extends EmulatorInvoice {
  externalId: string;
  customer: { firstname: string; lastname: string; email: string };
  /** Who acted on the payment page; `null` until the invoice is settled. */
  payer: { operator: Operator; phone: string } | null;
  requestId: string;
  logfile: string;
  hash: string;
  createdDate: Date;
  /** Last status change: the `date` of confirm and callbacks. */
  updatedDate: Date;
}

/** All invoices of one emulator, found by id or by token. */
export class InvoiceBook {
  readonly #byId = new Map<string, InvoiceRecord>();
  readonly #idByToken = new Map<string, string>();
  // LigdiCash ids are 8-digit decimal strings; start somewhere random so runs do not look alike.
  #lastId = 15_000_000 + Math.floor(Math.random() * 1_000_000);

  nextId(): string {
    this.#lastId += 1;
    return String(this.#lastId);
  }

  add(record: InvoiceRecord): void {
    this.#byId.set(record.id, record);
    this.#idByToken.set(record.token, record.id);
  }

  findByToken(token: string): InvoiceRecord | undefined {
    const id = this.#idByToken.get(token);
    return id === undefined ? undefined : this.#byId.get(id);
  }

  find(idOrToken: string): InvoiceRecord | undefined {
    return this.#byId.get(idOrToken) ?? this.findByToken(idOrToken);
  }

  list(): EmulatorInvoice[] {
    return [...this.#byId.values()].map(toPublicInvoice);
  }

  clear(): void {
    this.#byId.clear();
    this.#idByToken.clear();
  }
}

/** A detached copy with only the public fields, so callers cannot change the record. */
export function toPublicInvoice(record: InvoiceRecord): EmulatorInvoice {
  return {
    id: record.id,
    token: record.token,
    status: record.status,
    amount: record.amount,
    currency: record.currency,
    description: record.description,
    customData: { ...record.customData },
    callbackUrl: record.callbackUrl,
    returnUrl: record.returnUrl,
    cancelUrl: record.cancelUrl,
    payUrl: record.payUrl,
    storeName: record.storeName,
    createdAt: record.createdAt,
  };
}
