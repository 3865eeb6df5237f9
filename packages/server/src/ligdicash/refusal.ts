import { LigdicashError } from "../core/errors.js";

/** LigdiCash's sub-code in `Echec (Code02)`: two or three digits and an optional letter. */
export function providerCode(responseText: string | null | undefined): string | undefined {
  return /\d{2,3}[a-z]?/i.exec(responseText ?? "")?.[0];
}

/** Maps a `response_code:"01"` answer to a typed error (the raw `Echec` text stays in logs). */
export function refusalError(
  operation: "create" | "confirm",
  responseText?: string | null,
): LigdicashError {
  const code = providerCode(responseText);
  const options = code === undefined ? {} : { providerCode: code };
  if (code === "00") {
    return new LigdicashError(
      "LIGDICASH_AUTH_FAILED",
      "LigdiCash rejected the shop's API credentials.",
      options,
    );
  }
  if (operation === "create" && code === "02") {
    return new LigdicashError(
      "LIGDICASH_INVALID_AMOUNT",
      "LigdiCash refused the amount (it accepts 9 to 2,000,000 XOF).",
      options,
    );
  }
  const what = operation === "create" ? "create the invoice" : "confirm the invoice";
  return new LigdicashError("LIGDICASH_REFUSED", `LigdiCash refused to ${what}.`, options);
}
