import { DEFAULT_API_KEY, DEFAULT_AUTH_TOKEN } from "@ligdicash-kit/emulator";
import { describe, expect, it } from "vitest";
import { configFromEnv, EMULATOR_API_KEY, EMULATOR_AUTH_TOKEN } from "./config.js";

describe("configFromEnv", () => {
  it("runs against the local emulator with no variable set", () => {
    expect(configFromEnv({})).toMatchObject({
      port: 3000,
      host: undefined,
      publicUrl: undefined,
      apiUrl: "http://localhost:4010",
      apiKey: DEFAULT_API_KEY,
      authToken: DEFAULT_AUTH_TOKEN,
      ordersDb: ".data/orders.db",
      paymentsDb: ".ligdicash/payments.db",
      reconcileIntervalMs: 30_000,
    });
    expect([EMULATOR_API_KEY, EMULATOR_AUTH_TOKEN]).toEqual([DEFAULT_API_KEY, DEFAULT_AUTH_TOKEN]);
  });

  it("sends real keys to LigdiCash itself unless an API URL is set", () => {
    const live = configFromEnv({
      LIGDICASH_API_KEY: "live-key",
      LIGDICASH_AUTH_TOKEN: "live-token",
      LIGDICASH_PUBLIC_URL: "https://shop.example.bf",
    });
    expect(live).toMatchObject({ apiUrl: undefined, apiKey: "live-key", authToken: "live-token" });
    const staged = configFromEnv({
      LIGDICASH_API_KEY: "k",
      LIGDICASH_AUTH_TOKEN: "t",
      LIGDICASH_PUBLIC_URL: "https://staging.shop.example.bf",
      LIGDICASH_API_URL: "http://127.0.0.1:9999",
    });
    expect(staged.apiUrl).toBe("http://127.0.0.1:9999");
  });

  it("never sends a real auth token to the emulator: it alone asks for both keys", () => {
    const onlyToken = { LIGDICASH_AUTH_TOKEN: "live-token", LIGDICASH_PUBLIC_URL: "https://a.bf" };
    expect(() => configFromEnv(onlyToken)).toThrow(
      "LIGDICASH_AUTH_TOKEN is set but LIGDICASH_API_KEY is not: set both.",
    );
    const onlyKey = { LIGDICASH_API_KEY: "live-key", LIGDICASH_PUBLIC_URL: "https://a.bf" };
    expect(() => configFromEnv(onlyKey)).toThrow(
      "LIGDICASH_API_KEY is set but LIGDICASH_AUTH_TOKEN is not: set both.",
    );
  });

  it("treats the emulator's own keys, written out, as the emulator", () => {
    const config = configFromEnv({
      LIGDICASH_API_KEY: EMULATOR_API_KEY,
      LIGDICASH_AUTH_TOKEN: EMULATOR_AUTH_TOKEN,
    });
    expect(config).toMatchObject({ apiUrl: "http://localhost:4010", publicUrl: undefined });
  });

  it("refuses real keys without a public https URL LigdiCash can reach", () => {
    const live = { LIGDICASH_API_KEY: "live-key", LIGDICASH_AUTH_TOKEN: "live-token" };
    const withUrl = (url?: string) => () => configFromEnv({ ...live, LIGDICASH_PUBLIC_URL: url });
    expect(withUrl()).toThrow(/^LIGDICASH_PUBLIC_URL is required with real LigdiCash keys/);
    expect(withUrl("   ")).toThrow(/^LIGDICASH_PUBLIC_URL is required/);
    expect(withUrl("shop.example.bf")).toThrow(/^LIGDICASH_PUBLIC_URL must be an https URL/);
    expect(withUrl("http://shop.example.bf")).toThrow(
      /^LIGDICASH_PUBLIC_URL must start with https:\/\//,
    );
    for (const local of [
      "https://localhost:3000",
      "https://127.0.0.1",
      "https://127.1.2.3:8443",
      "https://[::1]:3000",
      "https://shop.localhost",
      "https://LOCALHOST.",
    ]) {
      expect(withUrl(local), local).toThrow(
        /^LIGDICASH_PUBLIC_URL must be a host LigdiCash can reach from the internet/,
      );
    }
    expect(withUrl("https://boutique.example.bf/shop/")().publicUrl).toBe(
      "https://boutique.example.bf/shop",
    );
  });

  it("keeps the http://localhost default for the emulator", () => {
    expect(configFromEnv({ LIGDICASH_PUBLIC_URL: "http://localhost:5173" }).publicUrl).toBe(
      "http://localhost:5173",
    );
  });

  it("reads every other variable", () => {
    expect(
      configFromEnv({
        PORT: "8080",
        HOST: "127.0.0.1",
        LIGDICASH_PUBLIC_URL: "https://shop.example.bf/",
        LIGDICASH_SHOP_NAME: "Chez Awa",
        SHOP_DB: "/var/lib/shop/orders.db",
        LIGDICASH_DB: "/var/lib/shop/payments.db",
        STOREFRONT_DIR: "/srv/storefront",
        RECONCILE_INTERVAL_MS: "5000",
      }),
    ).toMatchObject({
      port: 8080,
      host: "127.0.0.1",
      publicUrl: "https://shop.example.bf",
      shopName: "Chez Awa",
      ordersDb: "/var/lib/shop/orders.db",
      paymentsDb: "/var/lib/shop/payments.db",
      storefrontDir: "/srv/storefront",
      reconcileIntervalMs: 5_000,
    });
  });

  it("opens the admin only with an ADMIN_PASSWORD of 8 characters or more", () => {
    expect(configFromEnv({}).adminPassword).toBeUndefined();
    expect(configFromEnv({ ADMIN_PASSWORD: "long enough" }).adminPassword).toBe("long enough");
    expect(() => configFromEnv({ ADMIN_PASSWORD: "short" })).toThrow(/ADMIN_PASSWORD/);
  });

  it("says which variable is wrong", () => {
    expect(() => configFromEnv({ PORT: "http" })).toThrow(/PORT/);
    expect(() => configFromEnv({ RECONCILE_INTERVAL_MS: "10" })).toThrow(/RECONCILE_INTERVAL_MS/);
    expect(() => configFromEnv({ LIGDICASH_API_KEY: "k" })).toThrow(/LIGDICASH_AUTH_TOKEN/);
  });
});
