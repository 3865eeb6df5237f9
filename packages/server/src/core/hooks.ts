import { LigdicashError } from "./errors.js";
import type { LigdicashOptions } from "./options.js";
import type { HookContext, PaymentInfo } from "../model/payment.js";

type Hooks<Context> = Pick<
  LigdicashOptions<Context>,
  "getOrder" | "onPaid" | "onFailed" | "onRefundNeeded" | "onDuplicatePayment"
>;
type PaymentHook = (payment: PaymentInfo, context: HookContext) => void | Promise<void>;

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
  };
}

function paymentHook(name: string, hook: PaymentHook, hint: string): PaymentHook {
  return async (payment, context) => {
    try {
      await hook(payment, context);
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
