import { LigdicashError } from "./errors.js";
import type { LigdicashOptions } from "./options.js";
import type { HookContext } from "../model/payment.js";

/** The shop's hooks, as the kit keeps them (each named in what it throws). */
export type Hooks<Context> = Pick<
  LigdicashOptions<Context>,
  | "getOrder"
  | "onPaid"
  | "onFailed"
  | "onRefundNeeded"
  | "onDuplicatePayment"
  | "onPayoutPaid"
  | "onPayoutFailed"
  | "onRefunded"
>;
/** A hook told about one record (a payment or a payout). */
type RecordHook<T> = (record: T, context: HookContext) => void | Promise<void>;

/**
 * The shop's hooks, wrapped so that what they throw says which hook failed, for which order, and
 * what to do: the log line then names the fix instead of "Unexpected error". The original error
 * stays as `cause` (its stack points at the shop's code). The kit's own errors pass unchanged.
 */
export function namedHooks<Context>(hooks: Hooks<Context>): Hooks<Context> {
  const { getOrder } = hooks;
  return {
    getOrder: async (orderId, context) => {
      try {
        return await getOrder(orderId, context);
      } catch (cause) {
        if (cause instanceof LigdicashError) throw cause;
        throw new LigdicashError(
          "INTERNAL_ERROR",
          `getOrder(${JSON.stringify(orderId)}) threw: ${messageOf(cause)}`,
          {
            cause,
            expose: false,
            hint: "Fix getOrder (the stack shows where it failed): it must resolve the order, or null when there is no such order.",
          },
        );
      }
    },
    onPaid: paymentHook(
      "onPaid",
      hooks.onPaid,
      "The payment is paid but the order is not fulfilled yet: fix onPaid; it runs again at retryAt, with the same payment.id.",
    ),
    onFailed:
      hooks.onFailed &&
      paymentHook("onFailed", hooks.onFailed, "Fix onFailed; it runs again at retryAt."),
    onRefundNeeded:
      hooks.onRefundNeeded &&
      paymentHook(
        "onRefundNeeded",
        hooks.onRefundNeeded,
        "Fix onRefundNeeded; it runs again at retryAt.",
      ),
    onDuplicatePayment:
      hooks.onDuplicatePayment &&
      paymentHook(
        "onDuplicatePayment",
        hooks.onDuplicatePayment,
        "Fix onDuplicatePayment; it runs again at retryAt.",
      ),
    onPayoutPaid:
      hooks.onPayoutPaid &&
      paymentHook(
        "onPayoutPaid",
        hooks.onPayoutPaid,
        "The payout is paid: fix onPayoutPaid; it runs again at retryAt, with the same payout.id.",
      ),
    onPayoutFailed:
      hooks.onPayoutFailed &&
      paymentHook(
        "onPayoutFailed",
        hooks.onPayoutFailed,
        "Fix onPayoutFailed; it runs again at retryAt.",
      ),
    onRefunded:
      hooks.onRefunded &&
      paymentHook(
        "onRefunded",
        hooks.onRefunded,
        "The refund is paid back: fix onRefunded; it runs again at retryAt, with the same payout.id.",
      ),
  };
}

function paymentHook<T>(name: string, hook: RecordHook<T>, hint: string): RecordHook<T> {
  return async (record, context) => {
    try {
      await hook(record, context);
    } catch (cause) {
      if (cause instanceof LigdicashError) throw cause;
      // The message stays the hook's own: it is what the payment records as lastError.
      const message = cause instanceof Error ? cause.message : String(cause);
      const kind = cause instanceof Error ? cause.name : typeof cause;
      throw new LigdicashError("INTERNAL_ERROR", message, {
        cause,
        expose: false,
        hint,
        detail: `${kind} thrown by ${name}`,
      });
    }
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
