// A shop's code against the published types (dist/index.d.ts), compiled with skipLibCheck off
// against React 19's types and React 18's (tsconfig.json, tsconfig.react18.json).
import {
  LigdicashProvider,
  PayButton,
  ReturnPage,
  en,
  messageFor,
  useLigdicash,
  usePay,
  usePaymentStatus,
} from "@ligdicash-kit/react";
import type {
  LigdicashError,
  PayOutcome,
  PayResult,
  PaymentStatusResult,
  ReturnState,
  ReturnView,
} from "@ligdicash-kit/react";
import { useRef } from "react";
import type { ReactNode } from "react";

export function Checkout({ orderId }: { orderId: string }): ReactNode {
  const button = useRef<HTMLButtonElement>(null);
  return (
    <LigdicashProvider basePath="/api/ligdicash" locale="en" messages={en}>
      <PayButton
        ref={button}
        orderId={orderId}
        amount={15000}
        mode="popup"
        className="pay"
        aria-describedby="terms"
        onPaid={(id: string) => button.current?.focus() ?? id}
        onFailed={() => {}}
        onClose={() => {}}
        onError={(error: LigdicashError) => error.code}
        onBeforeRedirect={(payUrl: string) => sessionStorage.setItem("payUrl", payUrl)}
      />
    </LigdicashProvider>
  );
}

export function Return(): ReactNode {
  return (
    <ReturnPage
      continueHref="/orders"
      timeout={60_000}
      onPaid={(orderId: string) => orderId}
      onFailed={(orderId: string) => orderId}
      onStateChange={(state: ReturnState) => state}
      slots={{
        paid: ({ orderId }: ReturnView) => <p>Merci {orderId}</p>,
        pending: <p>Nous vous écrirons.</p>,
      }}
    />
  );
}

export function Headless({ orderId }: { orderId: string }): ReactNode {
  const { messages } = useLigdicash();
  const { pay, payAsync, state, error }: PayResult = usePay({ mode: "redirect" });
  const status: PaymentStatusResult = usePaymentStatus(orderId, { timeout: 10_000 });
  const outcome: Promise<PayOutcome> = payAsync(orderId);
  void outcome;
  return (
    <button type="button" onClick={() => pay(orderId)} aria-disabled={state === "loading"}>
      {error ? messageFor(error, messages) : status.state}
    </button>
  );
}
