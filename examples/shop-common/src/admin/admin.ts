import type { LigdicashControls, Logger, PayoutInfo } from "@ligdicash-kit/server";
import * as v from "valibot";
import type { OrderView } from "../api-types.js";
import type { OrderBook } from "../orders.js";
import { orderReference } from "../shop.js";
import { AdminSession } from "./session.js";
import { LoginThrottle } from "./throttle.js";
import type { AdminOrder, AdminPayout } from "./types.js";

/** An admin API request, as each framework's shop hands it over. `path` follows `/api/admin`. */
export interface AdminRequest {
  method: string;
  path: string;
  cookie: string | undefined;
  contentType: string | undefined;
  body: unknown;
  /**
   * The client's address (Express `req.ip`, Koa `ctx.ip`), or any key a client cannot change at
   * will (the Next.js shop's may be one for all): wrong passwords are counted by it.
   */
  client: string | undefined;
}

/** What the framework writes back as JSON, with these headers. */
export interface AdminResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** The parts of the kit the admin uses. */
export type AdminPayments = Pick<LigdicashControls, "paymentsOf" | "payouts" | "refund">;

const ResolveRequest = v.object({
  outcome: v.picklist(["paid", "failed"], 'outcome must be "paid" or "failed"'),
});

const RefundRequest = v.object({
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "id: 1 to 64 letters, digits, _ or -")),
  amount: v.pipe(v.number("amount must be a number"), v.integer(), v.minValue(1)),
  reason: v.pipe(v.string(), v.trim(), v.minLength(1, "reason is missing"), v.maxLength(200)),
});

/**
 * The shop's admin API under `/api/admin`: log in with `ADMIN_PASSWORD`, list orders with their
 * payments and refunds, refund an order (in full or in part), list payouts, and settle a payout
 * whose outcome is unknown once checked in the LigdiCash dashboard. Without a password
 * the admin is off. POSTs take JSON only, which, with the SameSite=Strict cookie, keeps other
 * sites from posting here.
 */
export function createAdmin(options: {
  orders: OrderBook;
  payments: AdminPayments;
  password: string | undefined;
  secure: boolean;
  logger?: Logger | undefined;
}) {
  const { orders, payments, logger } = options;
  const session = options.password ? new AdminSession(options.password, options) : null;
  const throttle = new LoginThrottle();

  async function adminOrder(order: OrderView): Promise<AdminOrder> {
    const [attempts, refunds] = await Promise.all([
      payments.paymentsOf(order.id),
      payments.payouts.list({ orderId: order.id }),
    ]);
    const paid = attempts.find((p) => p.status === "paid");
    return {
      id: order.id,
      reference: orderReference(order.id),
      status: order.status,
      delivered: order.delivered,
      amount: order.amount,
      createdAt: order.createdAt,
      paidAt: order.paidAt,
      operator: order.operator,
      payments: attempts.map((p) => ({
        id: p.id,
        status: p.status,
        amount: p.amount,
        operator: p.operator,
        refunded: p.refunded,
        createdAt: p.createdAt.toISOString(),
      })),
      refundable: paid ? paid.amount - paid.refunded : 0,
      refunds: refunds.map(adminPayout),
    };
  }

  async function route(request: AdminRequest): Promise<AdminResponse> {
    const { method, path } = request;
    if (method === "POST" && !/^application\/json\b/i.test(request.contentType ?? "")) {
      return failure(415, "UNSUPPORTED_MEDIA_TYPE", "Send JSON.");
    }
    if (method === "POST" && path === "/login") {
      const client = request.client ?? "";
      const wait = throttle.wait(client);
      if (wait > 0) {
        const minutes = Math.ceil(wait / 60_000);
        return failure(
          429,
          "TOO_MANY_ATTEMPTS",
          `Too many wrong passwords: try again in ${minutes} min.`,
          { "retry-after": String(Math.ceil(wait / 1000)) },
        );
      }
      const password = (request.body as { password?: unknown } | null)?.password;
      if (!session!.accepts(password)) {
        if (throttle.failed(client)) {
          logger?.warn(
            { client, attempts: throttle.limit },
            "admin login locked for this client for 15 minutes after repeated wrong passwords",
          );
        } else logger?.warn({ client }, "admin login refused");
        return failure(401, "WRONG_PASSWORD", "Wrong password.");
      }
      throttle.succeeded(client);
      return { status: 204, headers: { "set-cookie": session!.open() }, body: null };
    }
    if (method === "POST" && path === "/logout") {
      return { status: 204, headers: { "set-cookie": session!.close() }, body: null };
    }
    if (!session!.valid(request.cookie)) {
      return failure(401, "NOT_LOGGED_IN", "Log in to the admin first.");
    }
    if (method === "GET" && path === "/orders") {
      const list = await Promise.all(orders.list(50).map(adminOrder));
      return ok({ orders: list });
    }
    if (method === "GET" && path === "/payouts") {
      return ok({ payouts: (await payments.payouts.list({ limit: 100 })).map(adminPayout) });
    }
    const refund = /^\/orders\/([^/]+)\/refunds$/.exec(path);
    if (method === "POST" && refund) {
      const parsed = v.safeParse(RefundRequest, request.body);
      if (!parsed.success) return failure(400, "INVALID_REQUEST", parsed.issues[0].message);
      const orderId = decodeURIComponent(refund[1]!);
      const { id, amount, reason } = parsed.output;
      const sent = await payments.refund(orderId, { id, amount, reason });
      logger?.info({ orderId, refundId: sent.id, amount, status: sent.status }, "refund asked");
      return ok({ refund: adminPayout(sent) }, 201);
    }
    const resolve = /^\/payouts\/([^/]+)\/resolve$/.exec(path);
    if (method === "POST" && resolve) {
      const parsed = v.safeParse(ResolveRequest, request.body);
      if (!parsed.success) return failure(400, "INVALID_REQUEST", parsed.issues[0].message);
      const payoutId = decodeURIComponent(resolve[1]!);
      const { outcome } = parsed.output;
      const resolved = await payments.payouts.resolve(payoutId, outcome);
      logger?.warn({ payoutId, outcome }, "payout resolved from the admin");
      return ok({ payout: adminPayout(resolved) });
    }
    return failure(404, "NOT_FOUND", "No such admin route.");
  }

  return {
    /** Answers an admin request; errors of the kit become their JSON error (`REFUND_EXCEEDS_PAID`…). */
    async handle(request: AdminRequest): Promise<AdminResponse> {
      if (!session) {
        return failure(404, "ADMIN_DISABLED", "The admin is off: set ADMIN_PASSWORD to open it.");
      }
      try {
        return await route(request);
      } catch (error) {
        const known = error as {
          code?: string;
          status?: number;
          expose?: boolean;
          message?: string;
        };
        if (known.code && known.status && known.expose) {
          return failure(known.status, known.code, known.message ?? known.code);
        }
        logger?.error({ err: error }, "admin request failed");
        return failure(500, known.code ?? "INTERNAL_ERROR", "Something went wrong.");
      }
    },
  };
}

export type Admin = ReturnType<typeof createAdmin>;

function adminPayout(payout: PayoutInfo): AdminPayout {
  return {
    id: payout.id,
    status: payout.status,
    amount: payout.amount,
    method: payout.method,
    to: payout.to,
    operator: payout.operator,
    description: payout.description,
    orderId: payout.orderId,
    reason: payout.refund?.reason ?? null,
    error: payout.error,
    needsReview: payout.needsReview,
    createdAt: payout.createdAt.toISOString(),
    settledAt: payout.settledAt?.toISOString() ?? null,
  };
}

function ok(body: unknown, status = 200): AdminResponse {
  return { status, headers: {}, body };
}

function failure(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): AdminResponse {
  return { status, headers, body: { error: { code, message } } };
}
