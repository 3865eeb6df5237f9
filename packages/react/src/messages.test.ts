import { describe, expect, it } from "vitest";
import { LigdicashError, messageFor } from "./errors";
import { en, formatXof, fr } from "./messages";
import type { Messages } from "./messages";

describe("formatXof", () => {
  it("formats francs the way French-speaking shoppers read them", () => {
    // Intl separates thousands and the currency with narrow no-break spaces.
    expect(formatXof(15000, "fr").replace(/\s/g, " ")).toBe("15 000 F CFA");
    expect(formatXof(15000)).toBe(formatXof(15000, "fr"));
  });

  it("formats for English readers too", () => {
    expect(formatXof(2_000_000, "en").replace(/\s/g, " ")).toBe("F CFA 2,000,000");
  });
});

describe("messageFor", () => {
  const codes = [
    "ORDER_NOT_FOUND",
    "ALREADY_PAID",
    "INVALID_REQUEST",
    "CROSS_SITE_REQUEST",
    "UNSUPPORTED_MEDIA_TYPE",
    "PAYLOAD_TOO_LARGE",
    "LIGDICASH_REFUSED",
    "LIGDICASH_AUTH_FAILED",
    "LIGDICASH_INVALID_AMOUNT",
    "LIGDICASH_UNAVAILABLE",
    "INTERNAL_ERROR",
    "NETWORK_ERROR",
    "BAD_RESPONSE",
    "POPUP_BLOCKED",
    "MISSING_ORDER",
    "SOMETHING_NEW",
  ];

  it.each(codes)("never shows the raw code %s, in either locale", (code) => {
    for (const messages of [fr, en]) {
      const text = messageFor(new LigdicashError(code, 500), messages);
      expect(text).toBeTruthy();
      expect(text).not.toContain(code);
      expect(text).not.toMatch(/[A-Z]{2,}_[A-Z]/);
    }
  });

  it("names the causes a shopper can act on", () => {
    expect(messageFor(new LigdicashError("ORDER_NOT_FOUND", 404), fr)).toBe(
      "Commande introuvable.",
    );
    expect(messageFor(new LigdicashError("ALREADY_PAID", 409), en)).toBe("Order already paid.");
    expect(messageFor(new LigdicashError("LIGDICASH_UNAVAILABLE", 503), fr)).toMatch(
      /indisponible/,
    );
    expect(messageFor(new LigdicashError("NETWORK_ERROR"), en)).toMatch(/connection/);
  });

  it("falls back to the generic text for server-side causes and unknown codes", () => {
    for (const code of ["INTERNAL_ERROR", "CROSS_SITE_REQUEST", "SOMETHING_NEW"]) {
      expect(messageFor(new LigdicashError(code, 500), fr)).toBe(fr.UNKNOWN);
    }
  });

  it("cannot be tricked into reading Object.prototype", () => {
    for (const code of ["constructor", "toString", "__proto__", "pay"]) {
      expect(messageFor(new LigdicashError(code, 500), fr)).toBe(fr.UNKNOWN);
    }
    expect(messageFor(new Error("boom"), fr)).toBe(fr.UNKNOWN);
  });

  it("uses overridden texts", () => {
    const messages = { ...fr, ORDER_NOT_FOUND: "Panier expiré." };
    expect(messageFor(new LigdicashError("ORDER_NOT_FOUND", 404), messages)).toBe("Panier expiré.");
  });

  it("has the same keys in both locales, none empty", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    const keys = Object.keys(fr) as (keyof Messages)[];
    for (const text of keys.flatMap((key) => [fr[key], en[key]])) expect(text).not.toBe("");
  });
});
