import type { OperatorId } from "../ligdicash/operators.js";

/** The countries LigdiCash pays out to (ISO 3166 alpha-2). */
export type PayoutCountry = "BF" | "BJ" | "CI" | "GN" | "ML" | "NE" | "SN" | "CD";

/** How one country writes its phone numbers, and which networks its prefixes belong to. */
export interface PhonePlan {
  name: string;
  /** Country calling code, digits only. */
  dial: string;
  /** Digits of the national number. */
  length: number;
  /** A local number of the right shape, for messages. */
  example: string;
  /** Numbers are written at home with a leading 0 that is not part of the number (DR Congo). */
  trunkZero?: boolean;
  /** What to say about a number of the wrong length, beyond the expected count. */
  lengthNote?: string;
  /** Leading national digits → the LigdiCash operator that owns them. */
  operators: Record<string, OperatorId>;
  /** Leading national digits → a mobile network LigdiCash does not serve. */
  unserved?: Record<string, string>;
}

function prefixes<T>(list: string[], value: T): Record<string, T> {
  return Object.fromEntries(list.map((prefix) => [prefix, value]));
}

// Prefixes are the operators' original allocations as published by the regulators; where the
// allocation is not known here (Mali, Niger) the plan names no operator rather than guess. A
// ported number keeps its prefix, so the operator is a hint, not a fact.
const BENIN_MTN = ["42", "46", "50", "51", "52", "53", "54", "56", "57", "59", "61", "62"];
const BENIN_MTN_MORE = ["66", "67", "69", "90", "91", "96", "97"];
const BENIN_MOOV = ["45", "55", "58", "60", "63", "64", "65", "68", "94", "95", "98", "99"];
const benin = (list: string[]) => list.map((prefix) => `01${prefix}`);

/** The numbering plans of LigdiCash's countries (ligdicash-api.md §7), by ISO code. */
export const PHONE_PLANS: Record<PayoutCountry, PhonePlan> = {
  BF: {
    name: "Burkina Faso",
    dial: "226",
    length: 8,
    example: "70 00 00 00",
    operators: {
      ...prefixes(["05", "06", "07", "54", "55", "56", "57", "64", "65", "66", "67"], "11"),
      ...prefixes(["74", "75", "76", "77"], "11"),
      ...prefixes(["01", "02", "03", "50", "51", "52", "53", "60", "61", "62", "63"], "12"),
      ...prefixes(["70", "71", "72", "73"], "12"),
    },
    unserved: prefixes(["58", "68", "69", "78", "79"], "Telecel Faso"),
  },
  BJ: {
    name: "Benin",
    dial: "229",
    length: 10,
    example: "01 97 00 00 00",
    lengthNote: "Benin numbers have 10 digits since 2024: 01 followed by the former 8 digits.",
    operators: {
      ...prefixes(benin([...BENIN_MTN, ...BENIN_MTN_MORE]), "1"),
      ...prefixes(benin(BENIN_MOOV), "2"),
    },
    unserved: prefixes(benin(["40", "41", "43", "44"]), "Celtiis"),
  },
  CI: {
    name: "Côte d'Ivoire",
    dial: "225",
    length: 10,
    example: "07 00 00 00 00",
    lengthNote: "Ivorian numbers have 10 digits since 2021 (01 Moov, 05 MTN, 07 Orange).",
    operators: { "01": "14", "05": "15", "07": "16" },
  },
  GN: {
    name: "Guinea",
    dial: "224",
    length: 9,
    example: "620 00 00 00",
    operators: { "62": "33", "66": "51" },
    unserved: { "65": "Cellcom" },
  },
  ML: { name: "Mali", dial: "223", length: 8, example: "70 00 00 00", operators: {} },
  NE: { name: "Niger", dial: "227", length: 8, example: "90 00 00 00", operators: {} },
  SN: {
    name: "Senegal",
    dial: "221",
    length: 9,
    example: "77 000 00 00",
    // Wave, LigdiCash's one Senegalese operator, is a wallet on any mobile network's number.
    operators: prefixes(["70", "75", "76", "77", "78"], "39"),
  },
  CD: {
    name: "DR Congo",
    dial: "243",
    length: 9,
    example: "0840 000 000",
    trunkZero: true,
    operators: { ...prefixes(["80", "84", "85", "89"], "34"), ...prefixes(["90", "91"], "38") },
    unserved: {
      ...prefixes(["81", "82", "83"], "Vodacom"),
      ...prefixes(["97", "98", "99"], "Airtel"),
    },
  },
};

/** The plan whose calling code starts these digits. */
export function planByDial(digits: string): [PayoutCountry, PhonePlan] | undefined {
  return (Object.entries(PHONE_PLANS) as [PayoutCountry, PhonePlan][]).find(([, plan]) =>
    digits.startsWith(plan.dial),
  );
}

/** The entry of `table` under the longest prefix of `national`. */
export function byPrefix<T>(table: Record<string, T> | undefined, national: string): T | undefined {
  for (let size = Math.min(4, national.length); size >= 1; size--) {
    const key = national.slice(0, size);
    if (table && Object.hasOwn(table, key)) return table[key];
  }
  return undefined;
}
