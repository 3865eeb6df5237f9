import { describe, expect, it } from "vitest";
import { FaultBook, validateFaults, validateQuirks } from "./faults.js";

describe("FaultBook", () => {
  it("counts down a fault and then forgets it", () => {
    const book = new FaultBook();
    book.setFaults({ confirm: { mode: "timeout", count: 2 } });
    expect([book.takeConfirm(), book.takeConfirm(), book.takeConfirm()]).toEqual([
      "timeout",
      "timeout",
      null,
    ]);
  });

  it("defaults a refusal to Code09", () => {
    const book = new FaultBook();
    book.setFaults({ create: { mode: "refuse", count: 1 } });
    expect(book.takeCreate()).toEqual({ mode: "refuse", code: "09" });
    expect(book.takeCreate()).toBeNull();
  });

  it("gives a payout create fault only to creates of its method, and defaults a refusal to Code10", () => {
    const book = new FaultBook();
    book.setFaults({ payoutCreate: { mode: "refuse", count: 2, method: "wallet" } });
    expect(book.takePayoutCreate("mobile_money")).toBeNull();
    expect(book.takePayoutCreate("wallet")).toEqual({ mode: "refuse", code: "10" });
    book.setFaults({ payoutCreate: { mode: "timeoutAfterCreate", count: 1 } });
    expect(book.takePayoutCreate("mobile_money")).toEqual({
      mode: "timeoutAfterCreate",
      code: "10",
    });
    expect(book.takePayoutCreate("wallet")).toBeNull();
  });

  it("merges settings key by key and clears a key set to null", () => {
    const book = new FaultBook();
    book.setFaults({ callbacks: { drop: true }, confirm: { mode: "500", count: 1 } });
    book.setFaults({ callbacks: null });
    expect(book.callbacks).toEqual({});
    expect(book.takeConfirm()).toBe("500");
    book.setQuirks({ amountsAsStrings: true });
    book.setQuirks({ failureStatus: "nocompleted" });
    expect(book.quirks).toEqual({ amountsAsStrings: true, failureStatus: "nocompleted" });
    book.reset();
    expect(book.quirks).toEqual({});
  });
});

describe("validation of untyped settings", () => {
  it("keeps only known fields", () => {
    expect(validateFaults({ confirm: { mode: "500", count: 1, extra: 1 } })).toEqual({
      confirm: { mode: "500", count: 1 },
    });
    expect(
      validateFaults({
        payoutCreate: { mode: "resetAfterCreate", count: 1, method: "mobile_money", x: 1 },
        payoutCallbacks: { delayMs: 5, extra: true },
      }),
    ).toEqual({
      payoutCreate: { mode: "resetAfterCreate", count: 1, method: "mobile_money" },
      payoutCallbacks: { delayMs: 5 },
    });
  });

  it.each([
    [{ confirm: { mode: "refuse", count: 1 } }, /confirm.mode/],
    [{ confirm: { mode: "500", count: -1 } }, /count/],
    [{ create: { mode: "refuse", count: 1, code: 9 } }, /code/],
    [{ callbacks: { drop: "yes" } }, /callbacks.drop/],
    [{ callbacks: { delayMs: -5 } }, /delayMs/],
    [{ network: true }, /unknown fault "network"/],
    [{ payoutCreate: { mode: "timeoutAfterCreate", count: 0 } }, /payoutCreate.count/],
    [{ payoutConfirm: { mode: "refuse", count: 1 } }, /payoutConfirm.mode/],
    [{ payoutCallbacks: { duplicate: 1 } }, /payoutCallbacks.duplicate/],
    [[], /faults must be an object/],
  ])("refuses faults %j", (input, message) => {
    expect(() => validateFaults(input)).toThrow(message);
  });

  it("refuses unknown quirks or values", () => {
    expect(() => validateQuirks({ confirmParam: "token" })).toThrow(/confirmParam/);
    expect(() => validateQuirks({ formCustomData: "xml" })).toThrow(/formCustomData/);
    expect(validateQuirks({ formCustomData: "brackets" })).toEqual({ formCustomData: "brackets" });
  });
});
