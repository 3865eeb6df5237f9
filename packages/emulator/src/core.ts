import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { CreateOrder } from "./api/create-request.js";
import type { RetryPolicy } from "./callbacks/backoff.js";
import { CallbackDispatcher } from "./callbacks/dispatcher.js";
import { planCallbacks } from "./callbacks/plan.js";
import { FaultBook } from "./faults.js";
import { InvoiceBook, type InvoiceRecord } from "./invoice.js";
import { DEFAULT_OPERATOR_ID, findOperator, samplePhone } from "./operators.js";
import { PayoutDesk } from "./payouts/desk.js";
import type { InvoicePatch, InvoiceStatus, SettleOptions } from "./types.js";
import { formatCompactDateTime } from "./wire/dates.js";
import { signInvoiceToken } from "./wire/token.js";

export interface CoreConfig {
  apiKey: string;
  authToken: string;
  retry: RetryPolicy;
  log: (line: string) => void;
  payoutDelayMs: number | null;
  balances: Record<string, number>;
}

/** Thrown by the control functions for an id or token the emulator never issued. */
export class UnknownInvoiceError extends Error {
  constructor(idOrToken: string) {
    super(`Unknown invoice "${idOrToken.length > 24 ? `${idOrToken.slice(0, 24)}…` : idOrToken}"`);
    this.name = "UnknownInvoiceError";
  }
}

const STATUSES: readonly InvoiceStatus[] = ["pending", "completed", "notcompleted"];

/** The emulator's state and rules, independent of HTTP: invoices, settlement, faults, callbacks. */
export class EmulatorCore {
  readonly invoices = new InvoiceBook();
  readonly faults = new FaultBook();
  readonly dispatcher: CallbackDispatcher;
  readonly payouts: PayoutDesk;
  readonly log: (line: string) => void;
  /** Origin of payment page URLs; known once the server listens. */
  publicUrl = "";
  readonly #secret = randomBytes(32);
  readonly #apiKey: Buffer;
  readonly #authToken: Buffer;

  constructor(config: CoreConfig) {
    this.#apiKey = digest(config.apiKey);
    this.#authToken = digest(config.authToken);
    this.log = config.log;
    this.dispatcher = new CallbackDispatcher(config.retry, config.log);
    this.payouts = new PayoutDesk({
      dispatcher: this.dispatcher,
      faults: this.faults,
      log: config.log,
      delayMs: config.payoutDelayMs,
      balances: config.balances,
    });
  }

  /** Whether the request carries the configured `Apikey` and `Authorization: Bearer` token. */
  authorized(headers: IncomingHttpHeaders): boolean {
    const apiKey = typeof headers.apikey === "string" ? headers.apikey : "";
    const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? "")?.[1] ?? "";
    // Both comparisons always run, on digests of equal length, so timing tells nothing.
    const keyOk = timingSafeEqual(digest(apiKey), this.#apiKey);
    const tokenOk = timingSafeEqual(digest(bearer.trim()), this.#authToken);
    return keyOk && tokenOk;
  }

  createInvoice(order: CreateOrder): InvoiceRecord {
    const now = new Date();
    const id = this.invoices.nextId();
    const token = signInvoiceToken(id, now, this.#secret);
    const record: InvoiceRecord = {
      id,
      token,
      status: "pending",
      amount: order.amount,
      currency: "XOF",
      description: order.description,
      customData: order.customData,
      callbackUrl: order.callbackUrl,
      returnUrl: order.returnUrl,
      cancelUrl: order.cancelUrl,
      payUrl: `${this.publicUrl}/directpayment/invoice/${token}`,
      storeName: order.storeName,
      createdAt: now.toISOString(),
      externalId: order.externalId,
      customer: order.customer,
      payer: null,
      requestId: `P${randomInt(10 ** 12, 10 ** 13)}`,
      logfile: `${formatCompactDateTime(now)}${randomBytes(7).toString("hex").slice(0, 13)}`,
      hash: createHash("sha256").update(token).update(this.#secret).digest("hex"),
      createdDate: now,
      updatedDate: now,
    };
    this.invoices.add(record);
    this.log(`invoice ${id} created: ${order.amount} XOF for "${order.storeName}"`);
    return record;
  }

  /** Records the shopper's outcome, then sends this event's callbacks (see `Emulator.settle`). */
  async settle(
    idOrToken: string,
    status: InvoiceStatus,
    options: SettleOptions = {},
  ): Promise<void> {
    const record = this.#require(idOrToken);
    if (!STATUSES.includes(status))
      throw new TypeError(`Unknown invoice status "${String(status)}"`);
    const operatorId = options.operatorId ?? DEFAULT_OPERATOR_ID;
    const operator = findOperator(operatorId);
    if (!operator) throw new TypeError(`Unknown LigdiCash operator id "${String(operatorId)}"`);
    if (options.customer !== undefined && typeof options.customer !== "string") {
      throw new TypeError("customer must be a phone number string");
    }
    this.#moveFunds(record, status, operator.id);
    record.status = status;
    record.updatedDate = new Date();
    record.payer = { operator, phone: options.customer ?? samplePhone(operator) };
    this.log(`invoice ${record.id} ${status} (${operator.name})`);
    const faults = this.faults.callbacks;
    const posts = planCallbacks(record, faults, this.faults.quirks);
    if (posts.length === 0) this.log(`invoice ${record.id}: no callback sent`);
    await this.dispatcher.deliver(
      { kind: "invoice", id: record.id },
      record.callbackUrl,
      posts,
      faults.delayMs,
    );
  }

  patchInvoice(idOrToken: string, patch: InvoicePatch): void {
    const record = this.#require(idOrToken);
    if (patch.amount !== undefined) {
      if (!Number.isFinite(patch.amount)) throw new TypeError("patch.amount must be a number");
      record.amount = patch.amount;
    }
    if (patch.customData !== undefined) {
      if (
        typeof patch.customData !== "object" ||
        patch.customData === null ||
        Array.isArray(patch.customData)
      ) {
        throw new TypeError("patch.customData must be an object");
      }
      const entries = Object.entries(patch.customData);
      if (entries.some(([, value]) => typeof value !== "string")) {
        throw new TypeError("patch.customData values must be strings");
      }
      record.customData = Object.fromEntries(entries);
    }
  }

  reset(): void {
    this.invoices.clear();
    this.payouts.reset();
    this.dispatcher.clear();
    this.faults.reset();
  }

  /** A completed payin feeds the sub-account of its operator (LigdiCash opens it on the first one). */
  #moveFunds(record: InvoiceRecord, status: InvoiceStatus, operatorId: string): void {
    const { balances } = this.payouts;
    // A patched amount may be anything a test needs; only whole francs move money.
    if (!Number.isSafeInteger(record.amount) || record.amount < 0) return;
    if (record.status === "completed" && record.payer) {
      const paidTo = record.payer.operator.id;
      balances.set(paidTo, Math.max(0, (balances.get(paidTo) ?? 0) - record.amount));
    }
    if (status === "completed") balances.credit(operatorId, record.amount);
  }

  #require(idOrToken: string): InvoiceRecord {
    const record = this.invoices.find(idOrToken);
    if (!record) throw new UnknownInvoiceError(idOrToken);
    return record;
  }
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
