/**
 * @ligdicash-kit/server: LigdiCash hosted payments for Express and Koa.
 * Import the middleware from `@ligdicash-kit/server/express` or `@ligdicash-kit/server/koa`;
 * this entry holds the framework-free kit, the stores and the types.
 */
export {
  createLigdicash,
  type CoreRequest,
  type CoreResponse,
  type Ligdicash,
  type LigdicashControls,
} from "./core/handler.js";
export type { Amount, LigdicashOptions, Order, OrderItem, PayoutHook } from "./core/options.js";
export type {
  PayoutsApi,
  PayoutReconcileReport,
  RefundOptions,
  SendPayoutInput,
} from "./core/payouts/index.js";
export type {
  Payout,
  PayoutInfo,
  PayoutMethod,
  PayoutPatch,
  PayoutStatus,
  PayoutHookOutcome,
} from "./model/payout.js";
export type { PayoutCountry } from "./payouts/phone-plan.js";
export type { Logger } from "./core/logger.js";
export { LigdicashError, ERROR_CODES, type ErrorCode } from "./core/errors.js";
export type {
  Payment,
  PaymentInfo,
  PaymentPatch,
  PaymentStatus,
  FailureReason,
  Fulfilment,
} from "./model/payment.js";
export type { ReconcileReport, Reconciler } from "./core/reconcile.js";
export type {
  PaymentStore,
  PayoutStore,
  LigdicashStore,
  PayoutQuery,
  RefundInsert,
} from "./storage/store.js";
export { MemoryPaymentStore } from "./storage/memory.js";
export { SqlitePaymentStore, type SqliteStoreOptions } from "./storage/sqlite.js";
export {
  createLigdicashClient,
  type LigdicashClient,
  type Confirmation,
  type CreatedInvoice,
} from "./ligdicash/client.js";
