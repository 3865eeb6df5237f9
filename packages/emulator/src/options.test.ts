import { describe, expect, it } from "vitest";
import { resolveOptions, urlHost } from "./options.js";

describe("resolveOptions", () => {
  it("listens on loopback, on a free port, with the demo credentials by default", () => {
    expect(resolveOptions()).toMatchObject({
      port: 0,
      host: "127.0.0.1",
      apiKey: "emulator-api-key",
      authToken: "emulator-auth-token",
      publicUrl: undefined,
    });
  });

  it("normalises publicUrl to an origin without trailing slash", () => {
    expect(resolveOptions({ publicUrl: "https://pay.example.test/" }).publicUrl).toBe(
      "https://pay.example.test",
    );
  });

  it("turns wildcard and IPv6 hosts into URLs a local client can use", () => {
    expect(urlHost("0.0.0.0")).toBe("127.0.0.1");
    expect(urlHost("::")).toBe("[::1]");
    expect(urlHost("::1")).toBe("[::1]");
    expect(urlHost("localhost")).toBe("localhost");
  });
});
