/**
 * The JSON payload of a JWT-shaped LigdiCash token (`{id_invoice|id_finance, start_date,
 * expiry_date}`), unverified: LigdiCash signs it with its own key. `null` when it cannot be read.
 */
export function tokenPayload(token: string): Record<string, unknown> | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const data = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as unknown;
    return typeof data === "object" && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
