import { describe, expect, it } from "vitest";
import { lineLogger } from "./log.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const logger = lineLogger(
    (line) => out.push(line),
    (line) => err.push(line),
  );
  return { logger, out, err };
}

describe("lineLogger", () => {
  it("writes one line per event: time, message, then the fields", () => {
    const { logger, out, err } = capture();
    logger.info({ orderId: "ord_1", amount: 5000, skipped: undefined }, "order paid");
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\d\d:\d\d:\d\d order paid orderId=ord_1 amount=5000\n$/);
    expect(err).toEqual([]);
  });

  it("says why an error happened: its name, message and code", () => {
    const { logger, err } = capture();
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4010"), {
      code: "ECONNREFUSED",
    });
    logger.error({ orderId: "ord_1", err: refused }, "onPaid failed");
    logger.warn({ err: new TypeError("amount must be a number") }, "invoice refused");
    expect(err[0]).toContain(
      "ERROR onPaid failed orderId=ord_1 err=Error: connect ECONNREFUSED 127.0.0.1:4010 (code ECONNREFUSED)",
    );
    expect(err[1]).toContain("WARN invoice refused err=TypeError: amount must be a number\n");
    expect(err.join("")).not.toContain("{}");
  });

  it("prints other values as JSON, and never throws on what JSON cannot show", () => {
    const { logger, out } = capture();
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    logger.info({ items: [{ productId: "karite", quantity: 2 }], big: 10n, cycle }, "order");
    expect(out[0]).toContain('items=[{"productId":"karite","quantity":2}]');
    expect(out[0]).toContain("big=10 cycle=[object Object]");
  });
});
