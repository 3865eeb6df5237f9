import {
  COUNTRIES,
  findOperator,
  OPERATORS,
  type CountryCode,
  type Operator,
} from "../operators.js";

/** Digits after the country code, per country (Benin moved to 10 digits, `01…`, in 2024). */
const NATIONAL_LENGTH: Record<CountryCode, number> = {
  BF: 8,
  BJ: 10,
  CI: 10,
  GN: 9,
  ML: 8,
  NE: 8,
  CD: 9,
  SN: 9,
};

/**
 * Leading national digits → LigdiCash operator id; `null` marks a network LigdiCash does not serve.
 * Where the table is silent the number goes to the country's first operator in LigdiCash's table.
 */
const PREFIXES: Partial<Record<CountryCode, Record<string, string | null>>> = {
  BF: {
    ...spread(["05", "06", "07", "54", "55", "56", "57", "64", "65", "66", "67"], "11"),
    ...spread(["74", "75", "76", "77"], "11"),
    ...spread(["01", "02", "03", "50", "51", "52", "53", "60", "61", "62", "63"], "12"),
    ...spread(["70", "71", "72", "73"], "12"),
    ...spread(["58", "68", "69", "78", "79"], null), // Telecel Faso
  },
  BJ: {
    ...spread(["42", "46", "50", "51", "52", "53", "54", "56", "57", "59", "61", "62"], "1"),
    ...spread(["66", "67", "69", "90", "91", "96", "97"], "1"),
    ...spread(["45", "55", "58", "60", "63", "64", "65", "68", "94", "95", "98", "99"], "2"),
    ...spread(["40", "41", "43", "44"], null), // Celtiis
  },
  CI: { "01": "14", "05": "15", "07": "16" },
  GN: { "62": "33", "66": "51" },
  CD: {
    ...spread(["80", "84", "85", "89"], "34"),
    ...spread(["90", "91"], "38"),
    ...spread(["81", "82", "83", "97", "98", "99"], null), // Vodacom, Airtel
  },
};

function spread(prefixes: string[], operatorId: string | null): Record<string, string | null> {
  return Object.fromEntries(prefixes.map((prefix) => [prefix, operatorId]));
}

/**
 * The operator whose sub-account pays a beneficiary, found from the number's country code and
 * prefix, or `undefined` when the number is not a well-formed number of a LigdiCash country or
 * belongs to a network LigdiCash does not serve.
 *
 * @example
 * beneficiaryOperator("22670000000")?.name; // "MOOV AFRICA BURKINA"
 */
export function beneficiaryOperator(customer: string): Operator | undefined {
  if (!/^\d+$/.test(customer)) return undefined;
  for (const [country, { dial }] of Object.entries(COUNTRIES) as [
    CountryCode,
    { dial: string },
  ][]) {
    if (!customer.startsWith(dial)) continue;
    const national = customer.slice(dial.length);
    if (national.length !== NATIONAL_LENGTH[country]) return undefined;
    // Benin's ten-digit mobile numbers are 01 followed by the former eight-digit number.
    const significant = country === "BJ" ? national.replace(/^01/, "") : national;
    const prefix = significant.slice(0, 2);
    const table = PREFIXES[country] ?? {};
    if (Object.hasOwn(table, prefix)) {
      const id = table[prefix];
      return id === null || id === undefined ? undefined : findOperator(id);
    }
    return OPERATORS.find((operator) => operator.country === country);
  }
  return undefined;
}
