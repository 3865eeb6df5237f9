import type { HookContext, PaymentInfo } from "../model/payment.js";
import type { PayoutInfo } from "../model/payout.js";
import type { PayoutCountry } from "../payouts/phone-plan.js";
import type { Logger } from "./logger.js";
import type { PaymentStore } from "../storage/store.js";

/**
 * Whole XOF francs: a number, or an integer string or bigint as database drivers return them
 * (`pg` gives NUMERIC and BIGINT columns as strings: "15000"). Fractions are refused.
 */
export type Amount = number | string | bigint;

/** A hook told about a payout (or refund), run once, under the same rules as `onPaid`. */
export type PayoutHook = (payout: PayoutInfo, context: HookContext) => void | Promise<void>;

/** One line of the order, as LigdiCash shows it on the payment page. */
export interface OrderItem {
  name: string;
  description?: string;
  quantity: Amount;
  /** Whole XOF francs. */
  unitPrice: Amount;
}

/** What `getOrder` returns: the shop's own record of what the shopper owes. */
export interface Order {
  /** Whole XOF francs (LigdiCash takes 9 to 2,000,000). */
  amount: Amount;
  description?: string;
  /** When given, they must add up to `amount`. */
  items?: OrderItem[];
  customer?: { firstname?: string; lastname?: string; email?: string };
}

/**
 * Options of `ligdicash()`. Every option but the hooks has a default or an environment variable.
 * `Context` is what the framework hands the hooks: Express's `req`, Koa's `ctx`.
 */
export interface LigdicashOptions<Context = unknown> {
  /** Reads the order the shopper wants to pay, from the shop's own database; null if unknown. */
  getOrder: (orderId: string, context: Context) => Order | null | Promise<Order | null>;
  /**
   * Fulfils a paid order. Called once per order, never twice at once; `payment.id` is the
   * idempotency key. If it throws it is retried later. `context.signal` aborts past
   * `hookTimeoutMs` and on shutdown.
   */
  onPaid: (payment: PaymentInfo, context: HookContext) => void | Promise<void>;
  /** Told when an attempt is declined for good and no other attempt paid the order. */
  onFailed?: ((payment: PaymentInfo, context: HookContext) => void | Promise<void>) | undefined;
  /**
   * Told when LigdiCash took money that must not fulfil the order: a second paid attempt of a paid
   * order, an attempt made before the order's amount changed, or a confirm at another amount,
   * currency or transaction (`payment.refundReason` says which). Refund it; never fulfil it.
   */
  onRefundNeeded?:
    ((payment: PaymentInfo, context: HookContext) => void | Promise<void>) | undefined;
  /** The former name of `onRefundNeeded`, used when that one is not given. */
  onDuplicatePayment?:
    ((payment: PaymentInfo, context: HookContext) => void | Promise<void>) | undefined;
  /**
   * Told once when LigdiCash confirms a payout sent with `payouts.send` as paid (refunds go to
   * `onRefunded`). `payout.id` is your idempotency key.
   */
  onPayoutPaid?: PayoutHook | undefined;
  /**
   * Told once when a payout (or a refund) failed for good: LigdiCash refused it, declined it, or
   * a person resolved it as failed. `payout.error` says why. A failed refund's amount can be
   * refunded again.
   */
  onPayoutFailed?: PayoutHook | undefined;
  /** Told once when a refund (`refund(orderId, …)`) is confirmed paid back to the payer. */
  onRefunded?: PayoutHook | undefined;
  /** Payouts and refunds. */
  payouts?:
    | {
        /** Country of beneficiary numbers written without a country code (`70 00 00 00`). */
        defaultCountry?: PayoutCountry | undefined;
        /** A payout LigdiCash has not settled is confirmed again every 1–2 × this. Default 30 s. */
        checkAfterMs?: number | undefined;
        /** Stop confirming an unsettled payout this old and log it for review. Default 7 days. */
        giveUpAfterMs?: number | undefined;
      }
    | undefined;
  /** LigdiCash API key. Env: LIGDICASH_API_KEY. */
  apiKey?: string | undefined;
  /** LigdiCash auth token. Env: LIGDICASH_AUTH_TOKEN. */
  authToken?: string | undefined;
  /** Env: LIGDICASH_API_URL. Default https://app.ligdicash.com. */
  apiUrl?: string | undefined;
  /** The shop's public origin (and mount prefix, if any) as LigdiCash reaches it: the callback URL starts here. Env: LIGDICASH_PUBLIC_URL. */
  publicUrl?: string | undefined;
  /**
   * Where shoppers come back after paying: the origin of the pages that render `<ReturnPage>`
   * (return and cancel URLs start here), also allowed to call `/pay`. Set it when the storefront
   * is served from another origin than the API. Env: LIGDICASH_STOREFRONT_URL. Default: publicUrl.
   */
  storefrontUrl?: string | undefined;
  /** Where the routes live. Default "/api/ligdicash". */
  basePath?: string | undefined;
  /** The storefront page that renders `<ReturnPage>`. Default "/payment/return". */
  returnPath?: string | undefined;
  /** Shown on LigdiCash's page. `name` env: LIGDICASH_SHOP_NAME; `websiteUrl` defaults to publicUrl. */
  shop?: { name?: string | undefined; websiteUrl?: string | undefined } | undefined;
  /**
   * Default: a SQLite file (needs the `better-sqlite3` package) at LIGDICASH_DB, or
   * `.ligdicash/payments.db` in the app's folder (the nearest one with a package.json).
   */
  storage?: PaymentStore | undefined;
  /**
   * pino-compatible logger; secrets are masked before it sees anything. Default: one line per
   * event, info to stdout, warnings and errors to stderr. `false` silences the kit.
   */
  logger?: Logger | false | undefined;
  /** Other origins allowed to call `/pay` (a storefront on another origin). */
  allowedOrigins?: string[] | undefined;
  /** Deadlines of the LigdiCash calls, at most the defaults: create 10 s, confirm 5 s. */
  timeouts?: { createMs?: number | undefined; confirmMs?: number | undefined } | undefined;
  /** How often a status poll may re-confirm one pending payment with LigdiCash. Default 3000 ms. */
  recheckIntervalMs?: number | undefined;
  /** The background re-check of pending payments and of hooks to retry. */
  reconcile?:
    | {
        /** How often this process runs a reconciliation pass; 0 turns the background pass off. Default 60 s. */
        intervalMs?: number | undefined;
        /** First re-check of a payment no callback settled, and first retry of a hook that failed; then doubling. Default 2 minutes. */
        firstCheckAfterMs?: number | undefined;
        /** Longest wait between two re-checks. Default 1 hour. */
        maxBackoffMs?: number | undefined;
        /** Stop re-checking a pending payment this old. Default 7 days. */
        giveUpAfterMs?: number | undefined;
        /** How long a process holds a hook before another may retry it. Default 60 s. */
        hookLeaseMs?: number | undefined;
        /** A hook still running after this long gets its AbortSignal fired and an error logged; it is never started again while it runs. Default 5 minutes. */
        hookTimeoutMs?: number | undefined;
      }
    | undefined;
  /** How long `close()` waits for running hooks and confirms before closing the store. Default 20 s. */
  shutdownTimeoutMs?: number | undefined;
  /** Replaces global fetch for the LigdiCash calls (proxies, tests). */
  fetch?: typeof fetch | undefined;
}
