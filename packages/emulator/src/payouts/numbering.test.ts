import { describe, expect, it } from "vitest";
import { beneficiaryOperator } from "./numbering.js";

const nameOf = (customer: string) => beneficiaryOperator(customer)?.name ?? null;

describe("beneficiaryOperator", () => {
  it.each([
    ["22670000000", "MOOV AFRICA BURKINA"],
    ["22676275726", "ORANGE BURKINA"],
    ["22905123456", null], // a Benin number must have 10 digits: 01 + the former 8
    ["2290197123456", "MTN BENIN"],
    ["2290195123456", "MOOV BENIN"],
    ["2250102030405", "MOOV CI"],
    ["2250502030405", "MTN CI"],
    ["2250702030405", "ORANGE CI"],
    ["224621234567", "ORANGE GUINEE"],
    ["224661234567", "MTN GUINEE"],
    ["22376123456", "ORANGE MALI"], // no prefix table here: the country's first operator
    ["22796123456", "AIRTEL NIGER"], // likewise
    ["243841234567", "ORANGE RDC CONGO"],
    ["243901234567", "AFRICELL RDC CONGO"],
    ["243811234567", null], // Vodacom: not a LigdiCash operator
    ["221771234567", "WAVE SENEGAL"],
  ])("%s → %s", (customer, name) => {
    expect(nameOf(customer)).toBe(name);
  });

  it("places only digits-only numbers of LigdiCash's countries, of the right length", () => {
    expect(nameOf("+22670000000")).toBeNull();
    expect(nameOf("226 70 00 00 00")).toBeNull();
    expect(nameOf("2267000000")).toBeNull();
    expect(nameOf("33612345678")).toBeNull();
    expect(nameOf("70000000")).toBeNull();
  });
});
