import { describe, expect, it } from "vitest";
import { parseCli } from "./args.js";

describe("parseCli", () => {
  it("defaults to port 4010 and the emulator's own credentials", () => {
    expect(parseCli([], {})).toEqual({ kind: "start", options: { port: 4010 } });
  });

  it("reads every flag", () => {
    const argv = [
      "-p",
      "5000",
      "--host",
      "0.0.0.0",
      "--api-key",
      "K",
      "--auth-token",
      "T",
      "--public-url",
      "https://x.test",
    ];
    expect(parseCli(argv, {})).toEqual({
      kind: "start",
      options: {
        port: 5000,
        host: "0.0.0.0",
        apiKey: "K",
        authToken: "T",
        publicUrl: "https://x.test",
      },
    });
  });

  it("falls back to the environment, flags first", () => {
    const env = {
      LIGDICASH_EMULATOR_PORT: "4999",
      LIGDICASH_API_KEY: "envK",
      LIGDICASH_AUTH_TOKEN: "envT",
    };
    expect(parseCli([], env)).toEqual({
      kind: "start",
      options: { port: 4999, apiKey: "envK", authToken: "envT" },
    });
    expect(parseCli(["--api-key", "flagK"], env)).toMatchObject({ options: { apiKey: "flagK" } });
  });

  it("ignores empty environment values", () => {
    expect(parseCli([], { LIGDICASH_API_KEY: "", LIGDICASH_EMULATOR_PORT: "" })).toEqual({
      kind: "start",
      options: { port: 4010 },
    });
  });

  it("reads the payout flags: a delay or never, and a balance for every operator", () => {
    const parsed = parseCli(["--payout-delay", "500", "--balance", "100000"], {});
    expect(parsed).toMatchObject({ options: { payoutDelayMs: 500 } });
    const balances = (parsed as { options: { balances: Record<string, number> } }).options.balances;
    expect(Object.keys(balances)).toHaveLength(16);
    expect(balances["11"]).toBe(100_000);
    expect(parseCli(["--payout-delay", "never"], {})).toMatchObject({
      options: { payoutDelayMs: null },
    });
    expect(() => parseCli(["--balance", "-1"], {})).toThrow(/--balance/);
    expect(() => parseCli(["--payout-delay", "soon"], {})).toThrow(/--payout-delay/);
  });

  it("asks for help, and refuses bad ports and unknown flags", () => {
    expect(parseCli(["-h"], {})).toEqual({ kind: "help" });
    expect(() => parseCli(["--port", "99999"], {})).toThrow(/--port/);
    expect(() => parseCli(["--verbose"], {})).toThrow();
  });
});
