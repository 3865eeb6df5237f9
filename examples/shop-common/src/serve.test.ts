import { describe, expect, it, vi } from "vitest";
import type { ServerConfig } from "./config.js";
import { runShop, type ShopApp } from "./serve.js";

const config: ServerConfig = {
  port: 0,
  host: "127.0.0.1",
  publicUrl: undefined,
  apiUrl: undefined,
  apiKey: "live-key",
  authToken: "live-token",
  shopName: "Faso Artisans",
  ordersDb: ":memory:",
  paymentsDb: ":memory:",
  storefrontDir: null,
  reconcileIntervalMs: 30_000,
};

describe("runShop", () => {
  it("does not give real keys a localhost public URL: it refuses to start instead", async () => {
    const create = vi.fn<(config: unknown) => ShopApp>();
    await expect(runShop(config, create)).rejects.toThrow(
      /^LIGDICASH_PUBLIC_URL is required with real LigdiCash keys/,
    );
    await expect(
      runShop({ ...config, publicUrl: "http://203.0.113.7:3000" }, create),
    ).rejects.toThrow(/^LIGDICASH_PUBLIC_URL must start with https:\/\//);
    expect(create).not.toHaveBeenCalled();
  });
});
