import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { startEmulator, type Emulator } from "@ligdicash-kit/emulator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { API_KEY, AUTH_TOKEN } from "./shop.js";

// The fetch entry under the runtimes its README names besides Node: Bun (`Bun.serve`) and Deno
// (`Deno.serve`), both installed from npm by packages/test-runtimes. A shop in the runtime's own
// process (test/runtimes/shop.mjs) against the emulator: a payment, its callbacks, its status.
const root = fileURLToPath(new URL("../../../", import.meta.url));
const script = fileURLToPath(new URL("./runtimes/shop.mjs", import.meta.url));
const RUNTIMES = {
  bun: { command: `${root}node_modules/.bin/bun`, args: ["run", script] },
  deno: {
    command: `${root}node_modules/.bin/deno`,
    args: ["run", "--allow-net", "--allow-env", "--allow-read", "--allow-sys", script],
  },
};

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, apiKey: API_KEY, authToken: AUTH_TOKEN });
});
afterAll(() => emulator.close());

describe.each(Object.entries(RUNTIMES))("the fetch entry under %s", (name, runtime) => {
  let child: ChildProcess;
  let url: string;
  const lines: Record<string, unknown>[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    expect(existsSync(runtime.command), `${name} is installed by packages/test-runtimes`).toBe(
      true,
    );
    child = spawn(runtime.command, runtime.args, {
      cwd: root,
      env: {
        ...process.env,
        NO_COLOR: "1",
        DENO_NO_UPDATE_CHECK: "1",
        LIGDICASH_API_URL: emulator.url,
        LIGDICASH_API_KEY: API_KEY,
        LIGDICASH_AUTH_TOKEN: AUTH_TOKEN,
        LIGDICASH_TEST_ORDERS: JSON.stringify({
          order_1: { amount: 15_000, description: "Panier de karité" },
          order_2: { amount: 3_500, description: "Savon noir" },
        }),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stderr!.on("data", (chunk: Buffer) => void errors.push(chunk.toString()));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    });
    const started = await vi.waitFor(
      () => {
        const found = lines.find((line) => "port" in line);
        if (!found) throw new Error(`${name} has not started: ${errors.join("")}`);
        return found;
      },
      { timeout: 30_000, interval: 50 },
    );
    expect(started.runtime).toBe(name);
    url = `http://127.0.0.1:${started.port as number}`;
  }, 40_000);

  /** `POST /pay` as the shop's own page sends it. */
  const pay = (orderId: string) =>
    fetch(`${url}/api/ligdicash/pay`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: url },
      body: JSON.stringify({ orderId }),
    });

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  });

  it("takes a payment: pay, LigdiCash's two callbacks, onPaid once, the status paid", async () => {
    const paid = await pay("order_1");
    expect(paid.status).toBe(200);
    const { payUrl } = (await paid.json()) as { payUrl: string };
    expect(payUrl).toMatch(/^http/);
    const invoice = emulator.invoices().findLast((i) => i.customData.order_id === "order_1")!;
    expect(invoice.amount).toBe(15_000);

    // The emulator posts both callbacks (form, then JSON); the runtime's shop re-confirms.
    await emulator.settle(invoice.token, "completed");
    await vi.waitFor(() => expect(lines.filter((line) => "paid" in line)).toHaveLength(1), {
      timeout: 15_000,
    });
    expect(lines.find((line) => "paid" in line)).toEqual({
      paid: "order_1",
      amount: 15_000,
      signal: true,
    });
    // A waiting status request answers at once: the status is final.
    const status = await fetch(`${url}/api/ligdicash/status/order_1?wait=5`);
    expect(await status.json()).toMatchObject({ status: "paid" });
    expect(lines.filter((line) => "paid" in line)).toHaveLength(1);
  }, 30_000);

  it("holds a status request while the payment is pending, then answers pending", async () => {
    const started = await pay("order_2");
    expect(started.status).toBe(200);
    const asked = performance.now();
    const held = await fetch(`${url}/api/ligdicash/status/order_2?wait=1`);
    expect(await held.json()).toMatchObject({ status: "pending" });
    expect(held.headers.get("x-ligdicash-wait")).toBe("1");
    expect(performance.now() - asked).toBeGreaterThan(900);
  });

  it("refuses what it should, in JSON: an unknown order, a forged body, another path", async () => {
    const unknown = await pay("order_missing");
    expect(unknown.status).toBe(404);
    const forged = await fetch(`${url}/api/ligdicash/callback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"__proto__":{"polluted":"yes"},"custom_data":[]}',
    });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ error: { code: "INVALID_REQUEST" } });
    const elsewhere = await fetch(`${url}/somewhere`);
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  it("stops cleanly on SIGTERM", async () => {
    child.kill("SIGTERM");
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
    expect(lines.at(-1)).toEqual({ stopped: true });
    // Nothing on stderr but, under Deno, its one notice about reading `request.signal` (the
    // waiting status request above reads it to end the wait when the client leaves).
    const notice =
      /^Deno\.serve: request\.signal aborts on successful responses \(legacy behavior\)\..*\n$/;
    const stderr = errors.join("");
    if (name === "deno") expect(stderr).toMatch(notice);
    else expect(stderr).toBe("");
  });
});
