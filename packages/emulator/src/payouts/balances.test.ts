import { describe, expect, it } from "vitest";
import { OperatorBalances } from "./balances.js";

describe("OperatorBalances", () => {
  it("opens a sub-account on its first credit and draws on it", () => {
    const balances = new OperatorBalances();
    expect(balances.get("11")).toBeNull();
    expect(balances.credit("11", 500)).toBe(500);
    balances.debit("11", 200);
    expect(balances.get("11")).toBe(300);
    expect(() => balances.debit("11", 301)).toThrow();
    expect(() => balances.debit("12", 1)).toThrow();
  });

  it("returns to its start balances on reset, and closes an account set to null", () => {
    const balances = new OperatorBalances({ "12": 1000 });
    balances.credit("12", 1);
    balances.set("11", 5);
    balances.reset();
    expect([balances.get("11"), balances.get("12")]).toEqual([null, 1000]);
    balances.set("12", null);
    expect(balances.list().find((entry) => entry.operatorId === "12")).toEqual({
      operatorId: "12",
      operatorName: "MOOV AFRICA BURKINA",
      balance: null,
    });
  });

  it("refuses unknown operators and amounts that are not whole francs", () => {
    expect(() => new OperatorBalances({ "99": 1 })).toThrow(/operator id "99"/);
    const balances = new OperatorBalances();
    expect(() => balances.credit("11", 1.5)).toThrow(/whole number/);
    expect(() => balances.set("11", -1)).toThrow(/whole number/);
  });
});
