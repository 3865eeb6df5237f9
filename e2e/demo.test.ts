import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, onPaymentPage, placeOrder, returnState, screenshot } from "./harness.js";

const DEMO = fileURLToPath(new URL("../scripts/demo.mjs", import.meta.url));

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves with everything printed once `text` appears; rejects if the process exits first. */
function waitForOutput(child: ChildProcess, text: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`no "${text}" in:\n${output}`)), timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(text)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

describe.each(["express", "koa"] as const)("the one-command demo (%s)", (framework) => {
  let browser: Browser;
  let demo: ChildProcess | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  afterEach(() => {
    if (demo?.exitCode === null) demo.kill("SIGKILL");
  });

  it("prints the shop's URL where a purchase works, the admin's with its password, and stops cleanly on Ctrl-C", async () => {
    const [shopPort, emulatorPort] = [await freePort(), await freePort()];
    // `npm run test:e2e` has just built everything: start from those builds.
    demo = spawn(process.execPath, [DEMO, framework], {
      env: {
        ...process.env,
        DEMO_SKIP_BUILD: "1",
        PORT: String(shopPort),
        LIGDICASH_EMULATOR_PORT: String(emulatorPort),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = await waitForOutput(demo, "Ctrl-C", 20_000);
    expect(output.match(/https?:\/\/[^\s,]+/g)).toEqual([
      `http://localhost:${shopPort}`,
      `http://localhost:${shopPort}/admin`,
    ]);
    // The admin's password is printed, and it opens the admin.
    const password = /password (\S+)/.exec(output)?.[1] ?? "";
    const login = await fetch(`http://localhost:${shopPort}/api/admin/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ password }),
    });
    expect(login.status).toBe(204);

    const page = await browser.newPage({ viewport: { width: 430, height: 900 } });
    const orderId = await placeOrder(page, `http://localhost:${shopPort}`);
    await page.getByTestId("pay-redirect").click();
    await onPaymentPage(page, `http://localhost:${emulatorPort}`, "pay");
    await page.waitForURL(`http://localhost:${shopPort}/payment/return?order=${orderId}`);
    await returnState(page, "paid");
    await screenshot(page, `demo-${framework}-paid`);
    await page.close();

    const exited = new Promise<number | null>((resolve) => demo!.once("exit", resolve));
    demo.kill("SIGINT");
    expect(await exited).toBe(0);
    await expect(fetch(`http://localhost:${shopPort}/`)).rejects.toThrow();
  });
});
