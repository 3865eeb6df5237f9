import type {
  DeliveredPayoutCallback,
  EmulatorPayout,
  OperatorBalance,
  PayoutCreateFault,
} from "./payouts/types.js";

/** Status of an invoice or payout as LigdiCash records it (the wire may spell the failure `nocompleted`). */
export type InvoiceStatus = "pending" | "completed" | "notcompleted";

/** Options of {@link startEmulator}; every field has a default. */
export interface EmulatorOptions {
  /** Port to listen on; `0` picks a free port (the default for the API; the CLI uses 4010). */
  port?: number;
  /** Interface to bind; default `"127.0.0.1"` so that nothing outside the machine can reach it. */
  host?: string;
  /** Expected `Apikey` header; default `"emulator-api-key"`. */
  apiKey?: string;
  /** Expected `Authorization: Bearer` token; default `"emulator-auth-token"`. */
  authToken?: string;
  /** Origin used in payment page URLs; default `http://<host>:<port>`. */
  publicUrl?: string;
  /** Bounded retries of callbacks that fail (non-2xx, connection error or timeout). */
  callbackRetry?: CallbackRetryOptions;
  /** Receives one line per notable event; default silent. */
  log?: (line: string) => void;
  /**
   * Mobile-money payouts settle `completed` this long after their create; `null` leaves them
   * pending until `settlePayout()`. Default 2000 ms. Wallet payouts always complete at once.
   */
  payoutDelayMs?: number | null;
  /**
   * Sub-accounts open at start (and after `reset()`), operator id → XOF, e.g. `{ "11": 100000 }`.
   * Default none: like LigdiCash, a sub-account opens with the first payin or funding on its operator.
   */
  balances?: Record<string, number>;
}

/** How a failed callback post is retried: `baseDelayMs * 2^(n-1)`, capped at `maxDelayMs`. */
export interface CallbackRetryOptions {
  /** Tries per post, the first included; default 5. */
  attempts?: number;
  /** Delay before the first retry; default 1000 ms. */
  baseDelayMs?: number;
  /** Longest delay between two tries; default 15000 ms. */
  maxDelayMs?: number;
  /** Deadline of one try; default 5000 ms. */
  timeoutMs?: number;
}

/** Extra details of a settlement: who paid and with which operator. */
export interface SettleOptions {
  /** Operator id from LigdiCash's table; default `"11"` (ORANGE BURKINA). */
  operatorId?: string;
  /** Phone number reported as `customer`; default a sample number of the operator's country. */
  customer?: string;
}

/** A running emulator with its control functions. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:40123` (no trailing slash): use it as `LIGDICASH_API_URL`. */
  url: string;
  /** Stops listening, destroys open sockets (hanging requests included) and cancels pending callbacks. */
  close(): Promise<void>;
  /** Snapshot of every invoice created, oldest first. */
  invoices(): EmulatorInvoice[];
  /** Every callback delivery attempt, in order. */
  callbacks(): DeliveredCallback[];
  /**
   * Settles an invoice as if the shopper acted on the payment page, then posts the callbacks.
   * Resolves once this event's callbacks are delivered (2xx) or given up; rejects on an unknown invoice.
   */
  settle(invoiceIdOrToken: string, status: InvoiceStatus, options?: SettleOptions): Promise<void>;
  /** Merges into the current faults; a key set to `null` clears that fault. */
  setFaults(faults: Faults): void;
  /** Merges into the current quirks. */
  setQuirks(quirks: Quirks): void;
  /** Makes LigdiCash's record differ from what the shop asked (amount, or custom data replaced). */
  patchInvoice(invoiceIdOrToken: string, patch: InvoicePatch): void;
  /** Snapshot of every payout created, oldest first. */
  payouts(): EmulatorPayout[];
  /** Every payout callback delivery attempt, in order. */
  payoutCallbacks(): DeliveredPayoutCallback[];
  /**
   * Settles a pending payout (`notcompleted` gives the amount back to the sub-account), then posts
   * its callbacks; resolves once they are delivered or given up. Settling a settled payout again
   * with its own status only sends its callbacks again. Rejects on an unknown payout or a change
   * of a final status.
   */
  settlePayout(idOrToken: string, status: InvoiceStatus): Promise<void>;
  /** Every operator's sub-account, in LigdiCash's table order. */
  balances(): OperatorBalance[];
  /** Credits an operator's sub-account (opening it if needed), like a Cashin; returns the new balance. */
  fundOperator(operatorId: string, amount: number): number;
  /** Sets an operator's sub-account balance; `null` closes it (payouts on it fail as "no merchant account"). */
  setBalance(operatorId: string, balance: number | null): void;
  /**
   * Whether a number (country code + number, digits only) has a LigdiCash account: wallet payouts
   * to an unregistered number fail with `Echec (Code02)`. Every number is registered by default.
   */
  setWalletAccount(customer: string, registered: boolean): void;
  /** Forgets invoices, payouts, callbacks, faults and quirks, restores the start balances, cancels callbacks and payout timers. */
  reset(): void;
}

/** An invoice as the emulator stores it. */
export interface EmulatorInvoice {
  id: string;
  token: string;
  status: InvoiceStatus;
  amount: number;
  currency: "XOF";
  description: string;
  /** What the shop sent in `commande.custom_data`, values as strings. */
  customData: Record<string, string>;
  callbackUrl: string;
  returnUrl: string;
  cancelUrl: string;
  payUrl: string;
  storeName: string;
  /** ISO 8601 creation time. */
  createdAt: string;
}

/** One callback delivery attempt. */
export interface DeliveredCallback {
  invoiceId: string;
  url: string;
  contentType: "application/x-www-form-urlencoded" | "application/json";
  /** The payload's `status` field, as sent (`nocompleted` under that quirk). */
  status: string;
  /** The exact raw body sent. */
  body: string;
  /** HTTP status of the answer; `null` when the connection failed or timed out. */
  responseStatus: number | null;
  /** 1 for the first try. */
  attempt: number;
}

/** A patch of LigdiCash's own record of an invoice. */
export interface InvoicePatch {
  amount?: number;
  /** Replaces the custom data echoed back in confirm and callbacks. */
  customData?: Record<string, string>;
}

/** Failure modes of an API call: an HTTP 500, no answer at all, or a body that is not JSON. */
export type TransportFault = "500" | "timeout" | "malformed";

/** Faults to inject; each key replaces the previous setting of that key, `null` clears it. */
export interface Faults {
  /** The next `count` confirm calls fail that way. */
  confirm?: { mode: TransportFault; count: number } | null;
  /**
   * The next `count` create calls fail that way; `refuse` answers HTTP 200 with
   * `response_code:"01"` and `Echec (Code<code>)` (default code `"09"`).
   */
  create?: { mode: TransportFault | "refuse"; count: number; code?: string } | null;
  /** How the callbacks of the next settlements are sent. */
  callbacks?: CallbackFaults | null;
  /** The next `count` payout creates (of `method`, or any) fail that way. */
  payoutCreate?: PayoutCreateFault | null;
  /** The next `count` payout confirms fail that way. */
  payoutConfirm?: { mode: TransportFault; count: number } | null;
  /** How the callbacks of the next payout settlements are sent. */
  payoutCallbacks?: CallbackFaults | null;
}

/** Ways the callbacks of an event can misbehave. */
export interface CallbackFaults {
  /** Wait this long before sending. */
  delayMs?: number;
  /** Send nothing (nothing recorded either); the invoice still settles. */
  drop?: boolean;
  /** Send each of the two posts twice. */
  duplicate?: boolean;
  /** JSON first, then form. */
  reorder?: boolean;
  /** A full `pending` pair before the final pair. */
  pendingFirst?: boolean;
}

/** Switches between shapes that different LigdiCash sources document. */
export interface Quirks {
  /** `"15000"` instead of `15000` for `amount` and `montant` in confirm and callbacks. */
  amountsAsStrings?: boolean;
  /** Spelling of the failure status on the wire; default `notcompleted`. */
  failureStatus?: "notcompleted" | "nocompleted";
  /**
   * Nested values in the form-encoded callback: JSON strings (default) or bracket keys
   * (`custom_data[0][keyof_customdata]=…`).
   */
  formCustomData?: "json" | "brackets";
  /** Not a switch: both `invoiceToken` and `token` are always accepted by confirm. */
  confirmParam?: never;
}
