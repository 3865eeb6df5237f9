import { describe, expect, it } from "vitest";
import { MemoryPaymentStore } from "../storage/memory.js";
import { resolveConfig } from "./config.js";
import { LigdicashError } from "./errors.js";
import type { LigdicashOptions } from "./options.js";

const hooks: LigdicashOptions = {
  getOrder: () => null,
  onPaid: () => undefined,
  storage: new MemoryPaymentStore(),
};
const env = {
  LIGDICASH_API_KEY: "key-from-env",
  LIGDICASH_AUTH_TOKEN: "token-from-env",
  LIGDICASH_PUBLIC_URL: "https://shop.example/",
};

function problems(
  options: LigdicashOptions,
  environment: Record<string, string | undefined> = {},
): string {
  try {
    resolveConfig(options, environment);
  } catch (error) {
    expect(error).toBeInstanceOf(LigdicashError);
    expect(error).toMatchObject({ code: "INVALID_OPTIONS" });
    return (error as Error).message;
  }
  throw new Error("expected the options to be refused");
}

describe("resolveConfig", () => {
  it("takes credentials and URLs from the environment and applies the defaults", () => {
    const config = resolveConfig(hooks, env);
    expect(config).toMatchObject({
      apiKey: "key-from-env",
      authToken: "token-from-env",
      apiUrl: "https://app.ligdicash.com",
      publicUrl: "https://shop.example",
      basePath: "/api/ligdicash",
      returnPath: "/payment/return",
      shop: { name: "Shop", websiteUrl: "https://shop.example" },
      allowedOrigins: ["https://shop.example"],
      timeouts: { createMs: 10_000, confirmMs: 5_000 },
      recheckIntervalMs: 3_000,
    });
  });

  it("prefers options over the environment", () => {
    const config = resolveConfig(
      { ...hooks, apiKey: "k", apiUrl: "http://localhost:4010/", shop: { name: "Boutique" } },
      { ...env, LIGDICASH_SHOP_NAME: "Env" },
    );
    expect(config).toMatchObject({
      apiKey: "k",
      apiUrl: "http://localhost:4010",
      shop: { name: "Boutique" },
    });
  });

  it("names the option and the environment variable of each missing setting", () => {
    const message = problems(hooks);
    expect(message).toContain(
      "apiKey is missing (pass ligdicash({ apiKey }) or set LIGDICASH_API_KEY)",
    );
    expect(message).toContain(
      "authToken is missing (pass ligdicash({ authToken }) or set LIGDICASH_AUTH_TOKEN)",
    );
    expect(message).toContain(
      "publicUrl is missing (pass ligdicash({ publicUrl }) or set LIGDICASH_PUBLIC_URL)",
    );
  });

  it("refuses bad values with a message that says what to fix", () => {
    expect(problems({ ...hooks, apiUrl: "not a url" }, env)).toContain(
      "apiUrl must be an absolute URL",
    );
    expect(problems({ ...hooks, basePath: "api/" }, env)).toContain(
      'basePath must start with "/" and not end with "/"',
    );
    expect(problems({ ...hooks, timeouts: { confirmMs: 60_000 } }, env)).toContain(
      "timeouts.confirmMs must be at most 5000 ms",
    );
    expect(problems({ ...hooks, onPaid: "yes" as never }, env)).toContain(
      "onPaid must be a function",
    );
    expect(problems({ ...hooks, getOrder: undefined as never }, env)).toContain(
      "getOrder must be a function",
    );
  });

  it("never echoes a secret in its errors", () => {
    const message = problems({ ...hooks, apiKey: "SUPER-SECRET-KEY", apiUrl: "ftp://x" }, env);
    expect(message).not.toContain("SUPER-SECRET-KEY");
  });
});
