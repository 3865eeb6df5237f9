import { describe, expect, it } from "vitest";
import { assertPlainData, isForbiddenKey, MAX_DEPTH, MAX_ENTRIES } from "./plain-data.js";

describe("isForbiddenKey", () => {
  it.each([
    "__proto__",
    "constructor",
    "prototype",
    "__proto__[polluted]",
    "a[__proto__]",
    "a[__proto__][polluted]",
    "constructor[prototype][polluted]",
    "a[b][constructor]",
    "a.__proto__.polluted",
    "constructor.prototype",
    "a[b].prototype",
  ])("refuses %s", (key) => expect(isForbiddenKey(key)).toBe(true));

  it.each([
    "custom_data[0][keyof_customdata]",
    "custom_data[transaction_id]",
    "proto",
    "__proto",
    "constructors",
    "my_prototype",
    "a.constructor_name",
    "",
  ])("accepts %s", (key) => expect(isForbiddenKey(key)).toBe(false));
});

describe("assertPlainData", () => {
  it("accepts a callback as LigdiCash sends it", () => {
    const entry = { keyof_customdata: "transaction_id", valueof_customdata: "pay_x" };
    expect(() => assertPlainData({ status: "completed", custom_data: [entry] })).not.toThrow();
  });

  it("checks depth before descending, whatever the depth", () => {
    expect(() => assertPlainData(nest(MAX_DEPTH))).not.toThrow();
    for (const depth of [MAX_DEPTH + 1, 6_000, 200_000]) {
      expect(() => assertPlainData(nest(depth))).toThrow("The body is nested too deeply.");
    }
  });

  it("refuses more entries than a form may have, in any object or array", () => {
    const wide = Array.from({ length: MAX_ENTRIES + 1 }, () => 1);
    expect(() => assertPlainData({ a: { b: wide } })).toThrow(/more than 256 fields/);
    expect(() => assertPlainData(wide.slice(1))).not.toThrow();
  });
});

function nest(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}
