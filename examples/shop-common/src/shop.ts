import { SqlitePaymentStore, type LigdicashOptions, type Order } from "@ligdicash-kit/server";
import * as v from "valibot";
import type { ApiError } from "./api-types.js";
import { PRODUCTS, priceLines } from "./catalog.js";
import type { ShopConfig } from "./config.js";
import { OrderRequest } from "./order-request.js";
import { OrderBook } from "./orders.js";
import { createAdmin, type Admin, type AdminPayments } from "./admin/admin.js";

/** An answer of the shop's API, for an adapter to write out as JSON. */
export interface ApiResponse {
  status: number;
  body: unknown;
}

/** The shop without its web framework: what the Express and Koa shops both translate. */
export interface Shop {
  readonly config: ShopConfig;
  readonly orders: OrderBook;
  /** Everything `ligdicash()` needs: the shop's hooks, keys, URLs and store. */
  readonly payments: LigdicashOptions;
  /** `GET /api/products`. */
  listProducts(): ApiResponse;
  /** `POST /api/orders`. */
  createOrder(request: { contentType: string | undefined; body: unknown }): ApiResponse;
  /** `GET /api/orders/:id`. */
  readOrder(id: string): ApiResponse;
  /** Any other `/api/…` request. */
  notFound(): ApiResponse;
  /** The admin API (`/api/admin/…`), over the kit's middleware once it exists. */
  admin(payments: AdminPayments): Admin;
  close(): void;
}

/**
 * Builds the shop: its orders table, its API and the payment hooks that tie both to the kit.
 *
 * @example
 * const shop = createShop(configFromEnv());
 * app.use(ligdicash(shop.payments));
 */
export function createShop(config: ShopConfig): Shop {
  const orders = new OrderBook(config.ordersDb);
  const log = config.logger;

  // Called by the kit on /pay: the amount comes from here, from the shop's own table.
  const getOrder = (orderId: string): Order | null => {
    const order = orders.get(orderId);
    if (!order) return null;
    return {
      amount: order.amount,
      description: `${config.shopName} · commande ${orderReference(orderId)}`,
      items: order.items.map((item) => ({
        name: item.name.fr,
        quantity: item.quantity,
        unitPrice: item.unitPrice,
      })),
    };
  };

  const payments: LigdicashOptions = {
    getOrder,
    // Runs once per paid order, retried by the kit if it throws: every step here is idempotent.
    onPaid: (payment) => {
      if (orders.markPaid(payment.orderId, { paymentId: payment.id, operator: payment.operator })) {
        log?.info({ orderId: payment.orderId, amount: payment.amount }, "order paid");
      }
      // A real shop would book the courier or send the download link here.
      if (orders.markDelivered(payment.orderId)) {
        log?.info({ orderId: payment.orderId }, "order delivered");
      }
    },
    onFailed: (payment) => {
      log?.info({ orderId: payment.orderId, reason: payment.failureReason }, "payment failed");
    },
    // Money LigdiCash took that must not fulfil the order (paid twice, paid an invoice made
    // before the basket changed, or confirmed at another amount): it goes back to the payer.
    onRefundNeeded: (payment) => {
      log?.error(
        { orderId: payment.orderId, paymentId: payment.id, reason: payment.refundReason },
        "payment to refund",
      );
    },
    // Refunds asked from the admin page: the kit runs these once each, when LigdiCash settles them.
    onRefunded: (refund) => {
      log?.info(
        { orderId: refund.orderId, refundId: refund.id, amount: refund.amount },
        "order refunded",
      );
    },
    onPayoutFailed: (payout) => {
      log?.error(
        { orderId: payout.orderId, payoutId: payout.id, code: payout.error?.code },
        "refund failed",
      );
    },
    apiUrl: config.apiUrl,
    apiKey: config.apiKey,
    authToken: config.authToken,
    publicUrl: config.publicUrl,
    shop: { name: config.shopName },
    logger: log,
    ...config.ligdicash,
    // The kit re-checks payments no callback settled in the background, at the shop's pace.
    reconcile: { intervalMs: config.reconcileIntervalMs, ...config.ligdicash?.reconcile },
    storage: config.ligdicash?.storage ?? new SqlitePaymentStore(config.paymentsDb),
  };

  return {
    config,
    orders,
    payments,
    listProducts: () => ({ status: 200, body: { products: PRODUCTS } }),
    createOrder({ contentType, body }) {
      if (!contentType || !/^application\/json\b/i.test(contentType)) {
        return failure(415, "UNSUPPORTED_MEDIA_TYPE", "Send the order as application/json.");
      }
      const parsed = v.safeParse(OrderRequest, body);
      if (!parsed.success) {
        const issue = parsed.issues[0];
        const where = v.getDotPath(issue);
        return failure(
          400,
          "INVALID_REQUEST",
          where ? `${where}: ${issue.message}` : issue.message,
        );
      }
      const priced = priceLines(parsed.output.items);
      if ("unknown" in priced) {
        return failure(400, "UNKNOWN_PRODUCT", `No product has the id "${priced.unknown}".`);
      }
      const order = orders.create(priced.lines, priced.amount);
      log?.info({ orderId: order.id, amount: order.amount }, "order created");
      return { status: 201, body: order };
    },
    readOrder(id) {
      const order = orders.get(id);
      return order
        ? { status: 200, body: order }
        : failure(404, "ORDER_NOT_FOUND", "This order does not exist.");
    },
    notFound: () => failure(404, "NOT_FOUND", "No such API route."),
    admin: (kit) =>
      createAdmin({
        orders,
        payments: kit,
        password: config.adminPassword,
        secure: config.publicUrl.startsWith("https://"),
        logger: log,
      }),
    close: () => orders.close(),
  };
}

/** The short reference people read, on the payment page and in the storefront: `ord_k3J9x2Qa…` → `K3J9X2QA`. */
export function orderReference(orderId: string): string {
  return orderId.slice(4, 12).toUpperCase();
}

function failure(status: number, code: string, message: string): ApiResponse {
  const body: ApiError = { error: { code, message } };
  return { status, body };
}
