import { describe, expect, it } from "vitest";
import { LigdicashError } from "../core/errors.js";
import { maskPhone, normalisePhone, type PayoutCountry } from "./phone.js";

const numberOf = (input: string, defaultCountry?: PayoutCountry) =>
  normalisePhone(input, { defaultCountry }).number;

function failure(input: string, defaultCountry?: PayoutCountry): LigdicashError {
  try {
    normalisePhone(input, { defaultCountry });
  } catch (error) {
    if (error instanceof LigdicashError) return error;
    throw error;
  }
  throw new Error(`"${input}" was accepted`);
}

describe("normalisePhone", () => {
  it.each([
    ["70 00 00 00", "BF"],
    ["70.00.00.00", "BF"],
    ["70-00-00-00", "BF"],
    ["+226 70 00 00 00", undefined],
    ["+226 70 00 00 00", "CI"],
    ["+226-70-00-00-00", undefined],
    ["00226 70 00 00 00", undefined],
    ["0022670000000", "SN"],
    ["226 70 00 00 00", undefined],
    ["22670000000", undefined],
    ["(+226) 70 00 00 00", undefined],
    ["  +226 70\u00a000 00 00 ", undefined],
  ] as const)("reads %j (default %s) as 22670000000", (input, country) => {
    expect(numberOf(input, country)).toBe("22670000000");
  });

  it.each([
    ["BF", "76 27 57 26", "22676275726", "11", "ORANGE BURKINA"],
    ["BF", "70 00 00 00", "22670000000", "12", "MOOV AFRICA BURKINA"],
    ["BJ", "01 97 12 34 56", "2290197123456", "1", "MTN BENIN"],
    ["BJ", "01 95 12 34 56", "2290195123456", "2", "MOOV BENIN"],
    ["CI", "01 02 03 04 05", "2250102030405", "14", "MOOV CI"],
    ["CI", "05 02 03 04 05", "2250502030405", "15", "MTN CI"],
    ["CI", "07 02 03 04 05", "2250702030405", "16", "ORANGE CI"],
    ["GN", "620 12 34 56", "224620123456", "33", "ORANGE GUINEE"],
    ["GN", "660 12 34 56", "224660123456", "51", "MTN GUINEE"],
    ["SN", "77 123 45 67", "221771234567", "39", "WAVE SENEGAL"],
    ["CD", "0840 000 000", "243840000000", "34", "ORANGE RDC CONGO"],
    ["CD", "+243 (0)900 000 000", "243900000000", "38", "AFRICELL RDC CONGO"],
  ] as const)("%s %s → %s, operator %s %s", (country, input, number, id, name) => {
    expect(normalisePhone(input, { defaultCountry: country })).toEqual({
      number,
      country,
      national: number.slice(3),
      operator: { id, name },
      unservedNetwork: null,
    });
  });

  it("names no operator where the prefix does not tell, and names networks LigdiCash does not serve", () => {
    expect(normalisePhone("+223 76 12 34 56")).toMatchObject({
      country: "ML",
      number: "22376123456",
      operator: null,
      unservedNetwork: null,
    });
    expect(normalisePhone("+227 96 12 34 56")).toMatchObject({ country: "NE", operator: null });
    expect(normalisePhone("+226 78 12 34 56")).toMatchObject({
      operator: null,
      unservedNetwork: "Telecel Faso",
    });
    expect(normalisePhone("+243 81 234 5678").unservedNetwork).toBe("Vodacom");
  });

  it.each([
    ["", undefined, /empty/],
    ["70 00 00 0O", "BF", /is not a phone number/],
    ["tel:+22670000000", undefined, /is not a phone number/],
    ["70 00 00 00", undefined, /has no country code: write it as \+226/],
    ["+33 6 12 34 56 78", undefined, /country code of a country LigdiCash serves: \+226 \(Burkina/],
    ["33612345678", undefined, /country code of a country LigdiCash serves/],
    ["70 00 00 0", "BF", /Burkina Faso numbers have 8 digits after \+226 .*this one has 7/],
    ["+226 70 00 00 00 0", undefined, /this one has 9/],
    ["97 12 34 56", "BJ", /since 2024: 01 followed by the former 8 digits/],
    ["07 12 34 56", "CI", /Ivorian numbers have 10 digits since 2021/],
  ] as const)("refuses %j (default %s)", (input, country, message) => {
    const error = failure(input, country);
    expect(error).toMatchObject({ code: "INVALID_PHONE_NUMBER", status: 400, expose: true });
    expect(error.message).toMatch(message);
  });

  it("names the input in its errors, with the middle digits hidden", () => {
    const message = failure("+226 70 12 34 5").message;
    expect(message).toContain('"+226 7• •• •4 5"');
    expect(message).not.toContain("12 3");
  });

  it("refuses a default country it does not know", () => {
    expect(() => normalisePhone("70000000", { defaultCountry: "FR" as PayoutCountry })).toThrow(
      /defaultCountry must be one of BF, BJ/,
    );
  });
});

describe("maskPhone", () => {
  it("keeps the first four and last two digits and the separators", () => {
    expect(maskPhone("+226 70 12 34 56")).toBe("+226 7• •• •• 56");
    expect(maskPhone("70123456")).toBe("7012••56");
    expect(maskPhone("123")).toBe("123");
  });
});
