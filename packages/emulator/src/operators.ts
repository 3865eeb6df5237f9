/** A mobile-money operator as LigdiCash names it in `operator_id` / `operator_name`. */
export interface Operator {
  id: string;
  name: string;
  country: CountryCode;
}

export type CountryCode = "BF" | "BJ" | "CI" | "GN" | "ML" | "NE" | "CD" | "SN";

/** Countries in the order the payment page lists them, with their phone prefix. */
export const COUNTRIES: Record<CountryCode, { fr: string; en: string; dial: string }> = {
  BF: { fr: "Burkina Faso", en: "Burkina Faso", dial: "226" },
  BJ: { fr: "Bénin", en: "Benin", dial: "229" },
  CI: { fr: "Côte d'Ivoire", en: "Côte d'Ivoire", dial: "225" },
  GN: { fr: "Guinée", en: "Guinea", dial: "224" },
  ML: { fr: "Mali", en: "Mali", dial: "223" },
  NE: { fr: "Niger", en: "Niger", dial: "227" },
  CD: { fr: "RD Congo", en: "DR Congo", dial: "243" },
  SN: { fr: "Sénégal", en: "Senegal", dial: "221" },
};

/** LigdiCash's operator table. */
export const OPERATORS: readonly Operator[] = [
  { id: "11", name: "ORANGE BURKINA", country: "BF" },
  { id: "12", name: "MOOV AFRICA BURKINA", country: "BF" },
  { id: "2", name: "MOOV BENIN", country: "BJ" },
  { id: "1", name: "MTN BENIN", country: "BJ" },
  { id: "16", name: "ORANGE CI", country: "CI" },
  { id: "14", name: "MOOV CI", country: "CI" },
  { id: "15", name: "MTN CI", country: "CI" },
  { id: "33", name: "ORANGE GUINEE", country: "GN" },
  { id: "51", name: "MTN GUINEE", country: "GN" },
  { id: "18", name: "ORANGE MALI", country: "ML" },
  { id: "27", name: "AIRTEL NIGER", country: "NE" },
  { id: "28", name: "ORANGE/ZAMANI NIGER", country: "NE" },
  { id: "29", name: "MOOV AFRICA NIGER", country: "NE" },
  { id: "34", name: "ORANGE RDC CONGO", country: "CD" },
  { id: "38", name: "AFRICELL RDC CONGO", country: "CD" },
  { id: "39", name: "WAVE SENEGAL", country: "SN" },
];

/** The operator a settlement uses when none is named. */
export const DEFAULT_OPERATOR_ID = "11";

export function findOperator(id: string): Operator | undefined {
  return OPERATORS.find((operator) => operator.id === id);
}

/** A plausible payer number for an operator's country, e.g. `22676275726` for Burkina Faso. */
export function samplePhone(operator: Operator): string {
  return `${COUNTRIES[operator.country].dial}76275726`;
}
