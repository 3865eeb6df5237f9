/** Why LigdiCash refuses a payout create, in the emulator's words (`notRegistered`: wallet only). */
export type PayoutRefusal =
  | "auth"
  | "amount"
  | "exists"
  | "input"
  | "notRegistered"
  | "noMerchantAccount"
  | "notIdentified"
  | "balance";

/**
 * The `Echec (CodeNN)` sub-code of each refusal per endpoint, from the official SDKs' maps. The two
 * endpoints number them differently. `straight/payout` has no code for a repeated transaction id
 * or bad input: the repeat answers 07 (the guard the documentation describes) and bad input 09
 * ("error while processing"). A wallet payout to a number no operator matches gets 03 (no merchant
 * account on that network), as `withdrawal/create` has no "operator not identified" code.
 */
export const PAYOUT_CODES: {
  wallet: Record<PayoutRefusal, string>;
  mobile_money: Record<Exclude<PayoutRefusal, "notRegistered">, string>;
} = {
  wallet: {
    auth: "00",
    notRegistered: "02",
    noMerchantAccount: "03",
    notIdentified: "03",
    balance: "04",
    amount: "05",
    exists: "07",
    input: "09",
  },
  mobile_money: {
    auth: "00",
    amount: "02",
    noMerchantAccount: "03",
    notIdentified: "05",
    exists: "07",
    balance: "08",
    input: "09",
  },
};

/** LigdiCash's payout amount range, both endpoints (older SDK maps: "[20; 1 000 000]"). */
export const MIN_PAYOUT = 20;
export const MAX_PAYOUT = 1_000_000;
