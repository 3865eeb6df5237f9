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

  it("does not blame LIGDICASH_SHOP_NAME for a missing publicUrl, named shop or not", () => {
    for (const environment of [{}, { LIGDICASH_SHOP_NAME: "Faso Artisans" }]) {
      const message = problems(hooks, environment);
      expect(message).not.toContain("LIGDICASH_SHOP_NAME");
      expect(message).not.toContain("websiteUrl");
      expect(message).toContain(
        "publicUrl is missing (pass ligdicash({ publicUrl }) or set LIGDICASH_PUBLIC_URL)",
      );
    }
    expect(problems({ ...hooks, shop: { name: "Boutique" } })).toContain(
      "publicUrl is missing (pass ligdicash({ publicUrl }) or set LIGDICASH_PUBLIC_URL)",
    );
  });

  it("names the right setting for a bad shop name or website", () => {
    expect(problems({ ...hooks, shop: { websiteUrl: "boutique" } }, env)).toContain(
      "shop.websiteUrl must be an absolute URL (pass ligdicash({ shop: { websiteUrl } }); it defaults to publicUrl)",
    );
    expect(problems({ ...hooks, shop: { name: "" } }, env)).toContain(
      "shop.name is missing (pass ligdicash({ shop: { name } }) or set LIGDICASH_SHOP_NAME)",
    );
  });

  it("sends shoppers back to storefrontUrl (LIGDICASH_STOREFRONT_URL) and lets its origin pay", () => {
    expect(resolveConfig(hooks, env)).toMatchObject({ storefrontUrl: "https://shop.example" });
    const config = resolveConfig(hooks, {
      ...env,
      LIGDICASH_STOREFRONT_URL: "http://localhost:5173/",
    });
    expect(config.storefrontUrl).toBe("http://localhost:5173");
    expect(config.publicUrl).toBe("https://shop.example");
    expect(config.allowedOrigins).toEqual(["https://shop.example", "http://localhost:5173"]);
    expect(problems({ ...hooks, storefrontUrl: "localhost:5173" }, env)).toContain(
      "storefrontUrl must be an http(s) URL (pass ligdicash({ storefrontUrl }) or set LIGDICASH_STOREFRONT_URL; it defaults to publicUrl)",
    );
  });

  it("counts a variable set to nothing as not set, and says one thing per option", () => {
    const message = problems(hooks, { ...env, LIGDICASH_PUBLIC_URL: "", LIGDICASH_API_URL: " " });
    expect(message).toBe(
      "ligdicash: invalid options:\n  - publicUrl is missing (pass ligdicash({ publicUrl }) or set LIGDICASH_PUBLIC_URL)",
    );
  });
});
