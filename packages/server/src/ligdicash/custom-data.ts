/**
 * Finds our `transaction_id` in LigdiCash's `custom_data`, whatever shape it arrives in:
 * an array of `{keyof_customdata, valueof_customdata}` entries, a JSON string of that array
 * (the form-encoded callback), an object `{transaction_id}`, an object with numeric keys (a body
 * parser's reading of `custom_data[0][…]`), `[]` or `""`.
 */
export function findTransactionId(customData: unknown): string | null {
  return find(customData, true);
}

function find(value: unknown, mayParse: boolean): string | null {
  if (typeof value === "string") {
    const text = value.trim();
    if (!mayParse || !(text.startsWith("[") || text.startsWith("{"))) return null;
    try {
      return find(JSON.parse(text) as unknown, false);
    } catch {
      return null;
    }
  }
  if (Array.isArray(value)) {
    for (const entry of value) {
      const id = fromEntry(entry);
      if (id !== null) return id;
    }
    return null;
  }
  if (isRecord(value)) {
    const single = fromEntry(value);
    if (single !== null) return single;
    if (Object.hasOwn(value, "transaction_id")) return scalar(value.transaction_id);
    const keys = Object.keys(value);
    if (keys.length > 0 && keys.every((key) => /^\d{1,4}$/.test(key))) {
      return find(Object.values(value), false);
    }
  }
  return null;
}

function fromEntry(entry: unknown): string | null {
  if (!isRecord(entry) || entry.keyof_customdata !== "transaction_id") return null;
  return scalar(entry.valueof_customdata);
}

function scalar(value: unknown): string | null {
  if (typeof value === "string") return value.trim() || null;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/** A plain data object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const BRACKET_KEY =
  /^custom_?data\[([A-Za-z0-9_]{1,40})\](?:\[(keyof_customdata|valueof_customdata)\])?$/;

/**
 * The transaction id from bracket-flattened form keys, as a flat (non-extended) form parser leaves
 * them: `custom_data[0][keyof_customdata]=transaction_id&custom_data[0][valueof_customdata]=pay_…`
 * or `custom_data[transaction_id]=pay_…`.
 */
export function findTransactionIdInFlatKeys(fields: Record<string, unknown>): string | null {
  const entries = new Map<string, { key?: unknown; value?: unknown }>();
  for (const [name, value] of Object.entries(fields)) {
    const match = BRACKET_KEY.exec(name);
    if (!match) continue;
    const [, index, part] = match;
    if (part === undefined) {
      if (index === "transaction_id") return scalar(value);
      continue;
    }
    const entry = entries.get(index!) ?? {};
    if (part === "keyof_customdata") entry.key = value;
    else entry.value = value;
    entries.set(index!, entry);
  }
  for (const entry of entries.values()) {
    if (entry.key === "transaction_id") return scalar(entry.value);
  }
  return null;
}
