import { randomUUID } from "node:crypto";
import type { Emulator, EmulatorInvoice } from "@ligdicash-kit/emulator";
import type { Shop } from "./shop.js";

/** A new order in the shop's own table: what `getOrder` will find. */
export function newOrder(shop: Shop, amount = 15_000): string {
  const orderId = `order_${randomUUID()}`;
  shop.orders.set(orderId, {
    amount,
    description: `Commande ${orderId.slice(6, 14)}`,
    items: [{ name: "Panier de karité", quantity: 1, unitPrice: amount }],
    customer: { firstname: "Aminata", lastname: "Ouedraogo", email: "aminata@example.com" },
  });
  return orderId;
}

export function pay(
  shop: Shop,
  orderId: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return shop.request("/api/ligdicash/pay", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ orderId }),
  });
}

/** Starts a payment and returns the emulator's invoice for it. */
export async function startPayment(
  shop: Shop,
  emulator: Emulator,
  orderId: string,
): Promise<EmulatorInvoice> {
  const response = await pay(shop, orderId);
  if (response.status !== 200)
    throw new Error(`pay answered ${response.status}: ${await response.text()}`);
  const invoice = emulator.invoices().findLast((i) => i.customData.order_id === orderId);
  if (!invoice) throw new Error("the emulator has no invoice for this order");
  return invoice;
}

export async function status(shop: Shop, orderId: string): Promise<string> {
  const response = await shop.request(`/api/ligdicash/status/${encodeURIComponent(orderId)}`);
  const body = (await response.json()) as { status?: string; error?: { code: string } };
  return body.status ?? body.error?.code ?? "?";
}

/** A callback as LigdiCash posts it, naming `transactionId`, in either encoding. */
export function callback(
  shop: Shop,
  transactionId: string,
  encoding: "json" | "form",
  status = "completed",
): Promise<Response> {
  const customData = [{ keyof_customdata: "transaction_id", valueof_customdata: transactionId }];
  const payload = { status, amount: 15000, montant: 15000, token: "", response_code: "00" };
  return shop.request("/api/ligdicash/callback", {
    method: "POST",
    headers: {
      "content-type":
        encoding === "json" ? "application/json" : "application/x-www-form-urlencoded",
    },
    body:
      encoding === "json"
        ? JSON.stringify({ ...payload, custom_data: customData })
        : new URLSearchParams({
            ...stringify(payload),
            custom_data: JSON.stringify(customData),
          }).toString(),
  });
}

function stringify(values: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
}
