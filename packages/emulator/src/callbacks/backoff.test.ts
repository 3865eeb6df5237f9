import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, resolveRetry, retryDelay } from "./backoff.js";

describe("callback retry policy", () => {
  it("doubles the delay after each failed try, up to the cap", () => {
    const policy = resolveRetry({ baseDelayMs: 100, maxDelayMs: 500 });
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelay(policy, attempt))).toEqual([
      100, 200, 400, 500, 500,
    ]);
  });

  it("is bounded by default: 5 tries over about 15 s of waiting", () => {
    const waits = [1, 2, 3, 4].map((attempt) => retryDelay(DEFAULT_RETRY, attempt));
    expect(DEFAULT_RETRY.attempts).toBe(5);
    expect(waits.reduce((sum, wait) => sum + wait, 0)).toBe(15_000);
  });

  it("keeps defaults for fields left undefined and rejects nonsense", () => {
    expect(resolveRetry({ attempts: undefined })).toEqual(DEFAULT_RETRY);
    expect(() => resolveRetry({ attempts: 1.5 })).toThrow(/attempts/);
    expect(() => resolveRetry({ timeoutMs: -1 })).toThrow(/timeoutMs/);
  });
});
