/** A mobile-money operator as LigdiCash names it in `operator_id` / `operator_name`. */
export interface LigdicashOperator {
  id: string;
  name: string;
}

/** LigdiCash's operator table (ligdicash-api.md §7), by id. */
export const OPERATORS = {
  "1": "MTN BENIN",
  "2": "MOOV BENIN",
  "11": "ORANGE BURKINA",
  "12": "MOOV AFRICA BURKINA",
  "14": "MOOV CI",
  "15": "MTN CI",
  "16": "ORANGE CI",
  "18": "ORANGE MALI",
  "27": "AIRTEL NIGER",
  "28": "ORANGE/ZAMANI NIGER",
  "29": "MOOV AFRICA NIGER",
  "33": "ORANGE GUINEE",
  "34": "ORANGE RDC CONGO",
  "38": "AFRICELL RDC CONGO",
  "39": "WAVE SENEGAL",
  "51": "MTN GUINEE",
} as const;

export type OperatorId = keyof typeof OPERATORS;

/** The operator with this id, e.g. `operator("11")` → `{ id: "11", name: "ORANGE BURKINA" }`. */
export function operator(id: OperatorId): LigdicashOperator {
  return { id, name: OPERATORS[id] };
}
