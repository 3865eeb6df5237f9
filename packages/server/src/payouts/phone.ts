import { LigdicashError } from "../core/errors.js";
import { operator, type LigdicashOperator } from "../ligdicash/operators.js";
import {
  byPrefix,
  PHONE_PLANS,
  planByDial,
  type PayoutCountry,
  type PhonePlan,
} from "./phone-plan.js";

export type { PayoutCountry } from "./phone-plan.js";

/** A beneficiary's phone number, checked and in LigdiCash's form. */
export interface BeneficiaryPhone {
  /** What LigdiCash's `customer` wants: country code + national number, digits only (`22670000000`). */
  number: string;
  country: PayoutCountry;
  /** The national number, digits only (`70000000`). */
  national: string;
  /**
   * The LigdiCash operator that owns the number's prefix, or `null` when the prefix does not say
   * (no table for the country, or a network LigdiCash does not serve). A ported number keeps its
   * prefix: this is a hint for messages and checks, LigdiCash's confirm says which operator paid.
   */
  operator: LigdicashOperator | null;
  /** The mobile network of a prefix LigdiCash does not serve (`Telecel Faso`), else `null`. */
  unservedNetwork: string | null;
}

export interface PhoneOptions {
  /** Country of numbers written without a country code (`70 00 00 00`). */
  defaultCountry?: PayoutCountry | undefined;
}

const ALLOWED = /^\(?\+?[\d\s.\-()/]+$/;

/**
 * Turns a phone number written in any common form into LigdiCash's `customer` form, checking its
 * length for its country. Accepts `70 00 00 00` (with a default country), `+226 70 00 00 00`,
 * `00226…`, `226…`, with spaces, dots, dashes or brackets. Throws `INVALID_PHONE_NUMBER`, naming
 * the input (masked: logs never carry a full number), when it cannot.
 *
 * @example
 * normalisePhone("70 00 00 00", { defaultCountry: "BF" });
 * // { number: "22670000000", country: "BF", national: "70000000",
 * //   operator: { id: "12", name: "MOOV AFRICA BURKINA" }, unservedNetwork: null }
 */
export function normalisePhone(input: string, options: PhoneOptions = {}): BeneficiaryPhone {
  if (typeof input !== "string" || input.trim() === "") {
    throw invalid("The beneficiary's phone number is empty.");
  }
  const text = input.trim();
  const shown = `"${maskPhone(text)}"`;
  if (!ALLOWED.test(text)) {
    throw invalid(
      `${shown} is not a phone number: use digits, spaces, dots or dashes and an optional leading + (e.g. +226 70 00 00 00).`,
    );
  }
  let digits = text.replace(/\D/g, "");
  let international = /^\(?\+/.test(text);
  if (!international && digits.startsWith("00")) {
    digits = digits.slice(2);
    international = true;
  }
  // National numbers have at most 10 digits (DR Congo with its leading 0), country code + number
  // at least 11: the length tells a bare "226…" from a local number.
  const found = international || digits.length >= 11 ? planByDial(digits) : defaultPlan(options);
  if (!found) {
    if (international || digits.length >= 11) {
      throw invalid(
        `${shown} does not start with the country code of a country LigdiCash serves: ${DIALS}.`,
      );
    }
    throw invalid(
      `${shown} has no country code: write it as +226 70 00 00 00 (or set a default country).`,
    );
  }
  const [country, plan] = found;
  const national = nationalPart(digits, plan, international || digits.length >= 11);
  if (national.length !== plan.length) {
    const note = plan.lengthNote ? ` ${plan.lengthNote}` : "";
    throw invalid(
      `${shown} is not a ${plan.name} number: ${plan.name} numbers have ${plan.length} digits after +${plan.dial} (e.g. +${plan.dial} ${plan.example}), this one has ${national.length}.${note}`,
    );
  }
  const operatorId = byPrefix(plan.operators, national);
  return {
    number: `${plan.dial}${national}`,
    country,
    national,
    operator: operatorId === undefined ? null : operator(operatorId),
    unservedNetwork: byPrefix(plan.unserved, national) ?? null,
  };
}

const DIALS = Object.values(PHONE_PLANS)
  .map((plan) => `+${plan.dial} (${plan.name})`)
  .join(", ");

function defaultPlan(options: PhoneOptions): [PayoutCountry, PhonePlan] | undefined {
  const country = options.defaultCountry;
  if (country === undefined) return undefined;
  if (!Object.hasOwn(PHONE_PLANS, country)) {
    throw new LigdicashError(
      "INVALID_OPTIONS",
      `defaultCountry must be one of ${Object.keys(PHONE_PLANS).join(", ")}, got "${String(country)}".`,
    );
  }
  return [country, PHONE_PLANS[country]];
}

function nationalPart(digits: string, plan: PhonePlan, withDial: boolean): string {
  const national = withDial ? digits.slice(plan.dial.length) : digits;
  // "0812 345 678" at home, "+243 (0)812 345 678" abroad: the 0 is not part of the number.
  if (plan.trunkZero && national.length === plan.length + 1 && national.startsWith("0")) {
    return national.slice(1);
  }
  return national;
}

/**
 * A phone number fit for messages and logs: its first four and last two digits kept, the others
 * hidden (`+226 70 •• •• 00`), at most 40 characters.
 */
export function maskPhone(input: string): string {
  const text = input.length > 40 ? `${input.slice(0, 39)}…` : input;
  const total = text.replace(/\D/g, "").length;
  let seen = 0;
  return text.replace(/\d/g, (digit) => {
    seen += 1;
    return seen <= 4 || seen > total - 2 ? digit : "•";
  });
}

function invalid(message: string): LigdicashError {
  return new LigdicashError("INVALID_PHONE_NUMBER", message);
}
