export { startEmulator } from "./server.js";
export { UnknownInvoiceError } from "./core.js";
export { UnknownPayoutError } from "./payouts/desk.js";
export { DEFAULT_API_KEY, DEFAULT_AUTH_TOKEN } from "./options.js";
export { OPERATORS, type Operator } from "./operators.js";
export type {
  CallbackFaults,
  CallbackRetryOptions,
  DeliveredCallback,
  Emulator,
  EmulatorInvoice,
  EmulatorOptions,
  Faults,
  InvoicePatch,
  InvoiceStatus,
  Quirks,
  SettleOptions,
  TransportFault,
} from "./types.js";
export type {
  DeliveredPayoutCallback,
  EmulatorPayout,
  OperatorBalance,
  PayoutCreateFault,
  PayoutCreateFaultMode,
  PayoutMethod,
} from "./payouts/types.js";
