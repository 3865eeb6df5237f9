import type { CoreResponse, Ligdicash } from "../src/core/handler.js";
import { createLigdicash } from "../src/core/handler.js";
import type { LigdicashOptions, Order } from "../src/core/options.js";
import type { Timers } from "../src/core/timers.js";
import type { PaymentInfo } from "../src/model/payment.js";
import { MemoryPaymentStore } from "../src/storage/memory.js";
import { FakeLigdicash } from "./fake-ligdicash.js";

/**
 * The framework-free kit wired to an in-process LigdiCash and a memory store, with every hook
 * recorded: engine-level tests drive it through `handle` exactly as an adapter would.
 */
export interface TestKit {
  kit: Ligdicash<undefined>;
  ligdicash: FakeLigdicash;
  store: MemoryPaymentStore;
  orders: Map<string, Order>;
  paid: PaymentInfo[];
  failed: PaymentInfo[];
  refunds: PaymentInfo[];
  logs: string[];
  pay(orderId: string): Promise<{ status: number; body: Record<string, unknown> }>;
  callback(transactionId: string, status?: string): Promise<number>;
  status(orderId: string): Promise<string>;
  /** `GET /status/:orderId?<query>` as the adapters hand it over, the response as it comes. */
  statusRequest(orderId: string, query?: string, signal?: AbortSignal): Promise<CoreResponse>;
}

export function testKit(
  options: Partial<LigdicashOptions<undefined>> = {},
  internals: { timers?: Timers } = {},
): TestKit {
  const ligdicash = new FakeLigdicash();
  const store = (options.storage as MemoryPaymentStore | undefined) ?? new MemoryPaymentStore();
  const orders = new Map<string, Order>();
  const paid: PaymentInfo[] = [];
  const failed: PaymentInfo[] = [];
  const refunds: PaymentInfo[] = [];
  const logs: string[] = [];
  const record = (level: string) => (o: Record<string, unknown>, m?: string) =>
    void logs.push(`${level} ${m ?? ""} ${JSON.stringify(o)}`);
  const kit = createLigdicash<undefined>(
    {
      getOrder: (orderId) => orders.get(orderId) ?? null,
      onPaid: (payment) => void paid.push(payment),
      onFailed: (payment) => void failed.push(payment),
      onRefundNeeded: (payment) => void refunds.push(payment),
      apiKey: "test-api-key-0123456789",
      authToken: "test-auth-token-9876543210",
      publicUrl: "https://shop.example",
      fetch: ligdicash.fetch,
      logger: {
        debug: record("debug"),
        info: record("info"),
        warn: record("warn"),
        error: record("error"),
      },
      timeouts: { confirmMs: 1_000, createMs: 1_000 },
      recheckIntervalMs: 0,
      reconcile: { intervalMs: 0 },
      ...options,
      storage: store,
    },
    internals,
  );
  const request = (
    method: string,
    path: string,
    body?: unknown,
    extra: { query?: string; signal?: AbortSignal } = {},
  ) =>
    kit.handle({
      method,
      path: `/api/ligdicash${path}`,
      headers: { "content-type": "application/json", host: "shop.example" },
      body: { kind: "parsed", value: body },
      context: undefined,
      ...extra,
    });
  return {
    kit,
    ligdicash,
    store,
    orders,
    paid,
    failed,
    refunds,
    logs,
    async pay(orderId) {
      const response = (await request("POST", "/pay", { orderId }))!;
      return {
        status: response.status,
        body: JSON.parse(response.body) as Record<string, unknown>,
      };
    },
    async callback(transactionId, status = "completed") {
      const customData = [
        { keyof_customdata: "transaction_id", valueof_customdata: transactionId },
      ];
      const response = await request("POST", "/callback", { status, custom_data: customData });
      return response!.status;
    },
    async statusRequest(orderId, query, signal) {
      const path = `/status/${encodeURIComponent(orderId)}`;
      return (await request("GET", path, undefined, { query, signal }))!;
    },
    async status(orderId) {
      const response = (await request("GET", `/status/${encodeURIComponent(orderId)}`))!;
      const body = JSON.parse(response.body) as { status?: string; error?: { code: string } };
      return body.status ?? body.error?.code ?? "?";
    },
  };
}
