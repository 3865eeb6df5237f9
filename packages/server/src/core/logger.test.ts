import { describe, expect, it, vi } from "vitest";
import { LigdicashError } from "./errors.js";
import { safeLogger } from "./logger.js";

describe("safeLogger", () => {
  it("is quiet with logger: false", () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    safeLogger(false, []).error({ a: 1 }, "x");
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
  });

  it("prints one line to stderr without a logger", () => {
    const lines: string[] = [];
    const write = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    safeLogger(undefined, []).error({ orderId: "ord_1" }, "it failed");
    write.mockRestore();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ ligdicash ERROR it failed orderId=ord_1\n$/);
  });

  it("logs an error object once, where it is first logged", () => {
    const lines: unknown[] = [];
    const sink = (o: Record<string, unknown>, m?: string) => lines.push([o, m]);
    const log = safeLogger({ info: sink, warn: sink, error: sink }, []);
    const error = new LigdicashError("LIGDICASH_UNAVAILABLE", "down");
    log.error({ orderId: "ord_1", err: error }, "LigdiCash did not create the invoice");
    log.error({ route: "pay", err: error }, "down");
    log.error({ route: "pay", err: new Error("another") }, "another");
    expect(lines).toHaveLength(2);
  });

  it("keeps a hook's stack, the kit's hint and detail, and the cause chain", () => {
    const lines: Record<string, unknown>[] = [];
    const log = safeLogger(
      { info: () => undefined, warn: () => undefined, error: (o) => void lines.push(o) },
      [],
    );
    const hookError = new Error("db down");
    log.error({
      err: new LigdicashError("INTERNAL_ERROR", "onPaid threw: Error: db down", {
        cause: hookError,
        hint: "fix onPaid",
        detail: "x",
      }),
    });
    expect(lines[0]).toEqual({
      err: {
        name: "LigdicashError",
        code: "INTERNAL_ERROR",
        message: "onPaid threw: Error: db down",
        hint: "fix onPaid",
        detail: "x",
        cause: { name: "Error", message: "db down", stack: hookError.stack },
      },
    });
  });

  it("masks secrets, tokens and phone numbers wherever they are", () => {
    const lines: unknown[] = [];
    const sink = (o: Record<string, unknown>, m?: string) => lines.push([o, m]);
    const log = safeLogger({ info: sink, warn: sink, error: sink }, [
      "api-key-123",
      "auth-token-456",
    ]);
    const jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpZF9pbnZvaWNlIjoiMSJ9.c2lnbmF0dXJl";
    log.error(
      {
        invoiceToken: "abc",
        nested: {
          headers: { Authorization: "Bearer auth-token-456" },
          url: `https://x/confirm/?invoiceToken=${jwt}`,
        },
        customer: "22676275726",
        text: "payer +22670111213 refused",
        list: [{ phone: "22670000000" }],
        payout: { beneficiary: "22675111111", payer: "22676222222" },
        err: new Error("failed with api-key-123"),
        amount: 15000,
      },
      `confirm ${jwt} failed`,
    );
    const text = JSON.stringify(lines);
    for (const secret of [
      "abc",
      "api-key-123",
      "auth-token-456",
      jwt,
      "22676275726",
      "22670000000",
      "22670111213",
      "22675111111",
      "22676222222",
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("*********26");
    expect(text).toContain("15000");
  });
});
