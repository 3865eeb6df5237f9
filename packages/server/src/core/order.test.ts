import { describe, expect, it } from "vitest";
import { LigdicashError } from "./errors.js";
import { validateOrder, wholeFrancs } from "./order.js";

function refusal(amount: unknown): string {
  try {
    validateOrder("ord_7", { amount });
  } catch (error) {
    expect(error).toBeInstanceOf(LigdicashError);
    expect(error).toMatchObject({ code: "INVALID_ORDER", status: 500, expose: false });
    return (error as Error).message;
  }
  throw new Error(`expected ${String(amount)} to be refused`);
}

describe("validateOrder amounts", () => {
  it("accepts integer strings (pg NUMERIC and BIGINT) and bigints, as numbers", () => {
    for (const amount of [15_000, "15000", " 15000 ", "15000.00", 15_000n]) {
      expect(validateOrder("ord_7", { amount }).amount).toBe(15_000);
    }
    const order = validateOrder("ord_7", {
      amount: "30000",
      items: [{ name: "Pagne", quantity: 2n, unitPrice: "15000" }],
    });
    expect(order.items).toEqual([{ name: "Pagne", quantity: 2, unitPrice: 15_000 }]);
  });

  it("refuses fractions, zero, negatives and text, naming the order and the value", () => {
    expect(refusal(15000.5)).toBe(
      'getOrder("ord_7") returned an invalid order: amount 15000.5 must be whole XOF francs (a number, an integer string or a bigint)',
    );
    expect(refusal("15000.5")).toContain('amount "15000.5" must be whole XOF francs');
    expect(refusal("15 000")).toContain('amount "15 000" must be whole XOF francs');
    expect(refusal(Number.NaN)).toContain("amount NaN must be whole");
    expect(refusal(0)).toContain("amount 0 must be from 9 to 2,000,000 XOF");
    expect(refusal(-5)).toContain("amount -5 must be");
    expect(refusal("-5")).toContain('amount "-5" must be');
    expect(refusal(undefined)).toContain("amount undefined must be whole");
  });

  it("refuses amounts outside LigdiCash's range (9 to 2,000,000 XOF)", () => {
    expect(refusal(8)).toContain("amount 8 must be from 9 to 2,000,000 XOF (LigdiCash's range)");
    expect(refusal(2_000_001n)).toContain("amount 2000001n must be from 9 to 2,000,000 XOF");
    expect(validateOrder("ord_7", { amount: 9 }).amount).toBe(9);
    expect(validateOrder("ord_7", { amount: "2000000" }).amount).toBe(2_000_000);
  });

  it("carries the fix as a hint", () => {
    try {
      validateOrder("ord_7", { amount: "abc" });
    } catch (error) {
      expect((error as LigdicashError).hint).toContain("an integer string (as pg returns NUMERIC");
    }
    expect.assertions(1);
  });

  it("wholeFrancs reads only exact whole numbers", () => {
    expect(wholeFrancs("007")).toBe(7);
    expect(wholeFrancs("1e3")).toBeNull();
    expect(wholeFrancs("0x10")).toBeNull();
    expect(wholeFrancs(2n ** 60n)).toBeNull();
    expect(wholeFrancs(Infinity)).toBeNull();
    expect(wholeFrancs(true)).toBeNull();
  });
});
