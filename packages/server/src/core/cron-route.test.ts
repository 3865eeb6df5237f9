import { describe, expect, it } from "vitest";
import { sameSecret } from "./cron-route.js";

describe("sameSecret", () => {
  it("is true for the secret only", async () => {
    const secret = "cron-secret-0123456789abcdef";
    expect(await sameSecret(secret, secret)).toBe(true);
    for (const given of ["", secret.slice(1), `${secret}0`, secret.toUpperCase(), "x"]) {
      expect(await sameSecret(given, secret)).toBe(false);
    }
  });

  it("never matches an empty secret", async () => {
    expect(await sameSecret("", "")).toBe(false);
  });
});
