import { describe, expect, it } from "vitest";
import { LigdicashError } from "../core/errors.js";
import { neverSent } from "./never-sent.js";

const system = (code: string) => Object.assign(new Error(code), { code });
/** The shape a failed fetch takes once the client wraps it. */
const wrapped = (cause: unknown) =>
  new LigdicashError("LIGDICASH_UNAVAILABLE", "x", {
    cause: new TypeError("fetch failed", { cause }),
  });

describe("neverSent", () => {
  it.each([
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "UND_ERR_CONNECT_TIMEOUT",
    "CERT_HAS_EXPIRED",
  ])("is true for %s anywhere in the causes", (code) => {
    expect(neverSent(wrapped(system(code)))).toBe(true);
  });

  it.each(["ECONNRESET", "UND_ERR_SOCKET", "EPIPE"])(
    "is false for %s: the request may have gone",
    (code) => {
      expect(neverSent(wrapped(system(code)))).toBe(false);
    },
  );

  it("is false for a timeout, a 5xx (no cause) and anything unknown", () => {
    expect(neverSent(wrapped(new DOMException("timed out", "TimeoutError")))).toBe(false);
    expect(neverSent(new LigdicashError("LIGDICASH_UNAVAILABLE", "HTTP 502"))).toBe(false);
    expect(neverSent(undefined)).toBe(false);
    expect(neverSent("ECONNREFUSED")).toBe(false);
  });

  it("needs every address of a multi-address connect to have failed before sending", () => {
    const all = new AggregateError([system("ECONNREFUSED"), system("ENETUNREACH")]);
    expect(neverSent(wrapped(all))).toBe(true);
    const mixed = new AggregateError([system("ECONNREFUSED"), system("ECONNRESET")]);
    expect(neverSent(wrapped(mixed))).toBe(false);
  });
});
