import { describe, expect, it } from "vitest";
import { formatLine, lineLogger } from "./line-logger.js";

const at = new Date("2025-06-01T12:00:00.000Z");

describe("lineLogger", () => {
  it("writes info to stdout, warnings and errors to stderr, debug nowhere", () => {
    const out: string[] = [];
    const err: string[] = [];
    const log = lineLogger({ out: (l) => out.push(l), err: (l) => err.push(l) });
    log.info({}, "invoice created");
    log.warn({}, "w");
    log.error({}, "e");
    expect("debug" in log).toBe(false);
    expect(out).toHaveLength(1);
    expect(err).toHaveLength(2);
  });

  it("puts what failed, why, the fields, the fix and the first frames on one line", () => {
    const line = formatLine(
      "error",
      {
        paymentId: "pay_1",
        orderId: "ord_1",
        retryAt: "2025-06-01T12:02:00.000Z",
        err: {
          name: "LigdicashError",
          message: "onPaid threw: Error: db down",
          hint: "fix onPaid",
          cause: {
            name: "Error",
            message: "db down",
            stack: "Error: db down\n    at onPaid (/app/shop.js:12:9)\n    at run (/app/x.js:1:1)",
          },
        },
      },
      "payment hook failed; it will be retried",
      at,
    );
    expect(line).toBe(
      "2025-06-01T12:00:00.000Z ligdicash ERROR payment hook failed; it will be retried: onPaid threw: Error: db down paymentId=pay_1 orderId=ord_1 retryAt=2025-06-01T12:02:00.000Z → fix: fix onPaid → at onPaid (/app/shop.js:12:9) < run (/app/x.js:1:1)\n",
    );
  });

  it("shows a network error's errno and host, and does not repeat the route's message", () => {
    const err = {
      name: "LigdicashError",
      code: "LIGDICASH_UNAVAILABLE",
      message: "LigdiCash could not be reached for the create call.",
      detail: "ECONNREFUSED 127.0.0.1:9",
      hint: "Check LIGDICASH_API_URL",
      cause: {
        name: "TypeError",
        message: "fetch failed",
        stack:
          "TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n    at async callJson (/app/node_modules/@ligdicash-kit/server/dist/chunk-1.js:3:1)",
      },
    };
    expect(formatLine("error", { route: "pay", err }, err.message, at)).toBe(
      "2025-06-01T12:00:00.000Z ligdicash ERROR LigdiCash could not be reached for the create call (ECONNREFUSED 127.0.0.1:9) route=pay → fix: Check LIGDICASH_API_URL\n",
    );
  });

  it("never breaks a line, whatever the values", () => {
    const line = formatLine("warn", { note: "a\nb", n: 10n, o: { x: 1 } }, "m\r\nn", at);
    expect(line.slice(0, -1)).not.toMatch(/[\r\n]/);
    expect(line).toContain('note="a\\nb"');
    expect(line).toContain("n=10");
    expect(line).toContain('o={"x":1}');
  });
});
