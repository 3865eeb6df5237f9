import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStore, type RunningNextShop } from "../server.mjs";

const PASSWORD = "correct horse battery";

// The shop's process inherits it: behind a proxy that appends the address it saw to
// X-Forwarded-For, the admin's login throttle counts wrong passwords by that last entry.
process.env.CLIENT_IP_HEADER = "x-forwarded-for";

describe("Next.js shop admin behind a proxy (CLIENT_IP_HEADER)", () => {
  let dir: string;
  let shop: RunningNextShop;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "next-admin-client-"));
    shop = await startStore({
      port: 0,
      host: "127.0.0.1",
      // Logging in asks nothing of LigdiCash: no emulator needed.
      apiUrl: "http://127.0.0.1:9",
      apiKey: "emulator-api-key",
      authToken: "emulator-auth-token",
      shopName: "Test shop",
      ordersDb: join(dir, "orders.db"),
      paymentsDb: join(dir, "payments.db"),
      storefrontDir: null,
      reconcileIntervalMs: 60_000,
      adminPassword: PASSWORD,
    });
  });
  afterAll(async () => {
    await shop?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const login = (password: string, forwardedFor: string) =>
    fetch(`${shop.url}/api/admin/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
      body: JSON.stringify({ password }),
    });

  it("locks out the address the proxy saw, whatever the client wrote before it; others still log in", async () => {
    const tries = [];
    for (let n = 0; n < 5; n++) {
      // The client's own X-Forwarded-For comes first; the proxy's entry last.
      tries.push((await login(`guess ${n}`, `198.51.100.${n}, 192.0.2.10`)).status);
    }
    expect(tries).toEqual([401, 401, 401, 401, 401]);
    const locked = await login(PASSWORD, "198.51.100.99, 192.0.2.10");
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ error: { code: "TOO_MANY_ATTEMPTS" } });
    // The owner, at another address, is not locked out by the guesser.
    expect((await login("typo", "192.0.2.20")).status).toBe(401);
    expect((await login(PASSWORD, "192.0.2.20")).status).toBe(204);
  });
});
