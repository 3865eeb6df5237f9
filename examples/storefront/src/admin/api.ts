import type {
  AdminOrder,
  AdminPayout,
  AdminRefundRequest,
  AdminResolveRequest,
  ApiError,
} from "@ligdicash-kit/example-shop-common";

/** An error of the admin API: its code (`NOT_LOGGED_IN`, `REFUND_EXCEEDS_PAID`…) and message. */
export class AdminApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/admin${path}`, {
      cache: "no-store",
      credentials: "same-origin",
      ...init,
      headers: init.body ? { "content-type": "application/json" } : {},
    });
  } catch {
    throw new AdminApiError("NETWORK_ERROR", "The shop cannot be reached.");
  }
  if (response.status === 204) return null as T;
  const body = (await response.json().catch(() => null)) as T | ApiError | null;
  if (response.ok && body) return body as T;
  const error = (body as ApiError | null)?.error;
  throw new AdminApiError(error?.code ?? "BAD_RESPONSE", error?.message ?? "", response.status);
}

const post = (body: unknown): RequestInit => ({ method: "POST", body: JSON.stringify(body) });

export const adminApi = {
  login: (password: string) => call<null>("/login", post({ password })),
  logout: () => call<null>("/logout", post({})),
  orders: () => call<{ orders: AdminOrder[] }>("/orders").then((body) => body.orders),
  payouts: () => call<{ payouts: AdminPayout[] }>("/payouts").then((body) => body.payouts),
  refund: (orderId: string, request: AdminRefundRequest) =>
    call<{ refund: AdminPayout }>(
      `/orders/${encodeURIComponent(orderId)}/refunds`,
      post(request),
    ).then((body) => body.refund),
  resolve: (payoutId: string, outcome: AdminResolveRequest["outcome"]) =>
    call<{ payout: AdminPayout }>(
      `/payouts/${encodeURIComponent(payoutId)}/resolve`,
      post({ outcome } satisfies AdminResolveRequest),
    ).then((body) => body.payout),
};

/** Whether LigdiCash's word on a payout may still change: the page keeps refreshing meanwhile. */
export function isLive(payout: AdminPayout): boolean {
  return payout.status === "pending" || payout.status === "sent" || payout.status === "unknown";
}

/** A new refund id: one per refund the admin means, kept across retries of that refund. */
export function newRefundId(reference: string): string {
  const random = crypto.getRandomValues(new Uint8Array(6));
  const suffix = Array.from(random, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `rf-${reference}-${suffix}`;
}
