import { describe, expect, it } from "vitest";
import { safeLogger } from "./logger.js";

describe("safeLogger", () => {
  it("is quiet without a logger", () => {
    expect(() => safeLogger(undefined, []).error({ a: 1 }, "x")).not.toThrow();
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
        list: [{ phone: "22670000000" }],
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
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("*********26");
    expect(text).toContain("15000");
  });
});
