/**
 * Form-encodes a callback payload. Nested values (custom_data, customer_details) go either as JSON
 * strings, as LigdiCash sends them, or as PHP-style bracket keys (`custom_data[0][keyof_customdata]`),
 * as some integrations have seen.
 */
export function encodeForm(payload: Record<string, unknown>, nested: "json" | "brackets"): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(payload)) {
    if (nested === "brackets") appendBrackets(params, key, value);
    else
      params.append(
        key,
        typeof value === "object" && value !== null ? JSON.stringify(value) : scalar(value),
      );
  }
  return params.toString();
}

function appendBrackets(params: URLSearchParams, key: string, value: unknown): void {
  if (typeof value === "object" && value !== null) {
    for (const [child, entry] of Object.entries(value))
      appendBrackets(params, `${key}[${child}]`, entry);
  } else {
    params.append(key, scalar(value));
  }
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}
