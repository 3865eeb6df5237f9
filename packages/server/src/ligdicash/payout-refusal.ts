import { LigdicashError, type ErrorCode } from "../core/errors.js";
import type { PayoutMethod } from "./payout-request.js";
import { providerCode } from "./refusal.js";

/**
 * What a refused payout create means: `refused` (LigdiCash made no payout), `exists` (a payout
 * with this transaction id was made before: Code07), or `unknown` (LigdiCash failed on its side or
 * answered a code this client does not know, so it may have made it).
 */
export type RefusalOutcome = "refused" | "exists" | "unknown";

interface Meaning {
  outcome: RefusalOutcome;
  code: ErrorCode;
  message: string;
}

const AUTH: Meaning = {
  outcome: "refused",
  code: "LIGDICASH_AUTH_FAILED",
  message:
    "LigdiCash rejected the shop's API credentials: check the API key and auth token of the LigdiCash API project.",
};
const NO_ACCOUNT: Meaning = {
  outcome: "refused",
  code: "LIGDICASH_NO_OPERATOR_ACCOUNT",
  message:
    "The merchant account has no sub-account on the beneficiary's mobile-money operator. LigdiCash opens one with the first payment received through that operator, or on a Cashin from the LigdiCash dashboard; then send the payout again.",
};
const BALANCE: Meaning = {
  outcome: "refused",
  code: "LIGDICASH_INSUFFICIENT_BALANCE",
  message:
    "The merchant sub-account of the beneficiary's operator holds less than this payout. Top it up (Cashin from the LigdiCash dashboard) or wait for more payments through that operator, then send the payout again.",
};
const AMOUNT: Meaning = {
  outcome: "refused",
  code: "LIGDICASH_INVALID_AMOUNT",
  message:
    "LigdiCash refused the payout amount: payouts take whole amounts from 20 to 1,000,000 XOF.",
};
const IP: Meaning = {
  outcome: "refused",
  code: "LIGDICASH_IP_NOT_ALLOWED",
  message:
    "LigdiCash refused the call from this server's IP address. Ask LigdiCash to whitelist the server's outgoing IP addresses (at most 3) for the API project.",
};
const EXISTS: Meaning = {
  outcome: "exists",
  code: "LIGDICASH_PAYOUT_EXISTS",
  message:
    "LigdiCash already has a payout with this id: it was sent before. Do not send it again under a new id; check its status instead.",
};
const PROCESSING: Meaning = {
  outcome: "unknown",
  code: "LIGDICASH_PROCESSING_ERROR",
  message:
    "LigdiCash reported an error on its side while processing the payout, so whether it was made is not known. Do not send it under a new id: repeat it with the same id (LigdiCash refuses a payout it already has) and contact LigdiCash support if this persists.",
};

/** The official SDKs' sub-code maps; the two endpoints number their refusals differently. */
const MEANINGS: Record<PayoutMethod, Record<string, Meaning>> = {
  wallet: {
    "00": AUTH,
    "01": {
      outcome: "refused",
      code: "LIGDICASH_PAYOUTS_DISABLED",
      message:
        "Payouts are not enabled on this LigdiCash API project. Ask LigdiCash support to enable them.",
    },
    "02": {
      outcome: "refused",
      code: "LIGDICASH_BENEFICIARY_NOT_REGISTERED",
      message:
        "The beneficiary's number has no LigdiCash account, so a wallet payout cannot reach it. Send it by mobile money instead, or ask the beneficiary to open a LigdiCash account.",
    },
    "03": NO_ACCOUNT,
    "04": BALANCE,
    "05": AMOUNT,
    "06": IP,
    "07": EXISTS,
    "08": PROCESSING,
    "09": {
      outcome: "refused",
      code: "LIGDICASH_REFUSED",
      message:
        "LigdiCash refused the payout request as malformed: check the amount, the beneficiary number (country code + number, digits only) and the description.",
    },
    "10": PROCESSING,
  },
  mobile_money: {
    "00": AUTH,
    "02": AMOUNT,
    "03": NO_ACCOUNT,
    "05": {
      outcome: "refused",
      code: "LIGDICASH_OPERATOR_NOT_IDENTIFIED",
      message:
        "LigdiCash could not tell which mobile-money operator the beneficiary's number belongs to. Check the number (country code + number) and that its operator is one LigdiCash serves.",
    },
    // The SDKs read 06 as "no merchant account on that network", the docs' common-errors page as
    // "IP denied": say both.
    "06": {
      ...IP,
      message:
        "LigdiCash refused the payout: either this server's IP address is not whitelisted for the API project (ask LigdiCash to add it, at most 3 addresses), or the merchant account has no sub-account on the beneficiary's operator. Check both with LigdiCash.",
    },
    // The SDKs read 07 as "no merchant account on that network" too, but 07 is also LigdiCash's
    // repeat guard: reading a repeat as a plain refusal could pay twice, so 07 means "exists".
    "07": {
      ...EXISTS,
      message: `${EXISTS.message} (Older LigdiCash SDKs also use this code for "no merchant sub-account on the beneficiary's operator": if this id was never sent before, check that sub-account.)`,
    },
    "08": BALANCE,
    "09": PROCESSING,
    "10": PROCESSING,
    "14": IP,
  },
};

/** Maps a payout create's `Echec (CodeNN)` to its outcome and typed error. */
export function payoutRefusal(
  method: PayoutMethod,
  responseText: string | null | undefined,
): { outcome: RefusalOutcome; error: LigdicashError } {
  const code = providerCode(responseText);
  const meaning = code === undefined ? undefined : MEANINGS[method][code];
  const options = code === undefined ? {} : { providerCode: code };
  if (!meaning) {
    const error = new LigdicashError(
      "LIGDICASH_REFUSED",
      "LigdiCash refused the payout with a code this version does not know, so whether it was made is not known. Do not send it under a new id: repeat it with the same id, or ask LigdiCash support.",
      options,
    );
    return { outcome: "unknown", error };
  }
  return {
    outcome: meaning.outcome,
    error: new LigdicashError(meaning.code, meaning.message, options),
  };
}

/** Maps a payout confirm's `Echec (CodeNN)` to a typed error. */
export function payoutConfirmRefusal(responseText: string | null | undefined): LigdicashError {
  const code = providerCode(responseText);
  const options = code === undefined ? {} : { providerCode: code };
  if (code === "00") return new LigdicashError(AUTH.code, AUTH.message, options);
  return new LigdicashError(
    "LIGDICASH_REFUSED",
    "LigdiCash refused to confirm the payout: it does not know this payout token on this endpoint.",
    options,
  );
}
