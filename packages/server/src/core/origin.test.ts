import { describe, expect, it } from "vitest";
import { assertSameOrigin } from "./origin.js";

const allowed = ["https://shop.example"];
const check =
  (origin?: string, secFetchSite?: string, host = "shop.example") =>
  () =>
    assertSameOrigin({ origin, secFetchSite, host }, allowed);

describe("assertSameOrigin", () => {
  it("lets same-origin browser requests and non-browser clients through", () => {
    expect(check("https://shop.example", "same-origin")).not.toThrow();
    expect(check("http://localhost:3000", undefined, "localhost:3000")).not.toThrow();
    expect(check(undefined, undefined)).not.toThrow();
    expect(check(undefined, "none")).not.toThrow();
    expect(check("https://shop.example", "same-site", "internal:8080")).not.toThrow();
  });

  it("refuses cross-site requests", () => {
    for (const fn of [
      check("https://evil.example", "cross-site"),
      check("https://evil.example"),
      check(undefined, "cross-site"),
      check(undefined, "same-site"),
      check("null"),
    ]) {
      expect(fn).toThrow(
        expect.objectContaining({ code: "CROSS_SITE_REQUEST", status: 403 }) as Error,
      );
    }
  });
});
