import type { Emulator, PayoutMethod } from "../src/index.js";
import { AUTH, UNREACHABLE } from "./helpers.js";

export const WITHDRAWAL = "/pay/v01/withdrawal/create";
export const STRAIGHT = "/pay/v01/straight/payout";
export const WITHDRAWAL_CONFIRM = "/pay/v01/withdrawal/confirm";
export const STRAIGHT_CONFIRM = "/pay/v01/straight/payout/confirm";

/** A MOOV AFRICA BURKINA number (prefix 70), the documentation's example beneficiary. */
export const MOOV_BF = "22670000000";
/** An ORANGE BURKINA number (prefix 76). */
export const ORANGE_BF = "22676275726";

export const pathOf = (method: PayoutMethod): string =>
  method === "wallet" ? WITHDRAWAL : STRAIGHT;

/**
 * The documentation's payout body (ligdicash-api.md §6), with overridable `commande` fields. The
 * callback URL is a loopback port where nothing listens: wallet payouts call back at once.
 */
export function docPayoutBody(
  method: PayoutMethod,
  commande: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    commande: {
      amount: 5000,
      description: "Refund for order ORD-1",
      customer: MOOV_BF,
      callback_url: UNREACHABLE,
      ...(method === "wallet" ? { top_up_wallet: 1 } : {}),
      custom_data: { transaction_id: "PAYOUT-ORD-1" },
      ...commande,
    },
  };
}

export async function postPayout(
  emulator: Emulator,
  method: PayoutMethod,
  body: unknown,
  headers: Record<string, string> = AUTH,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${emulator.url}${pathOf(method)}`, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
  return (await res.json()) as Record<string, unknown>;
}

/** Creates a payout that must succeed and returns its token. */
export async function createPayout(
  emulator: Emulator,
  method: PayoutMethod,
  commande: Record<string, unknown> = {},
): Promise<string> {
  const answer = await postPayout(emulator, method, docPayoutBody(method, commande));
  if (answer.response_code !== "00") throw new Error(`payout refused: ${JSON.stringify(answer)}`);
  return answer.token as string;
}

export async function getPayoutConfirm(
  emulator: Emulator,
  pathAndQuery: string,
  headers: Record<string, string> = AUTH,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${emulator.url}${pathAndQuery}`, { headers });
  return (await res.json()) as Record<string, unknown>;
}

/** `Echec (CodeNN)` as LigdiCash answers a refused payout. */
export const echec = (code: string) => ({
  response_code: "01",
  token: "",
  response_text: `Echec (Code${code})`,
});
