#!/usr/bin/env node
// `npm start` (Express), `npm run start:koa` and `npm run start:next`: builds what the demo needs,
// then runs the LigdiCash emulator and an example shop (the Next.js one in a process of its own),
// and prints the shop's URL.
// Environment: PORT (shop, default 3000), LIGDICASH_EMULATOR_PORT (default 4010),
// ADMIN_PASSWORD (the /admin page; default: a fresh one, printed), DEMO_SKIP_BUILD=1 to start
// from the existing builds.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const LABELS = { express: "Express 5", koa: "Koa 3", next: "Next.js" };
const framework = process.argv[2] in LABELS ? process.argv[2] : "express";
const label = LABELS[framework];
const shopPackage = `@ligdicash-kit/example-${framework}-store`;

function fail(message, details = "") {
  process.stderr.write(`${details}${details && !details.endsWith("\n") ? "\n" : ""}${message}\n`);
  process.exit(1);
}

function build() {
  process.stdout.write("Building the shop, the storefront and the emulator…\n");
  const turbo = join(root, "node_modules", ".bin", "turbo");
  const filters = [`--filter=${shopPackage}...`, "--filter=@ligdicash-kit/emulator"];
  const result = spawnSync(turbo, ["run", "build", ...filters, "--output-logs=errors-only"], {
    cwd: root,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (result.error) fail(`Cannot run turbo (${result.error.message}): run npm ci first.`);
  if (result.status !== 0) fail("The build failed (output above).", result.stdout + result.stderr);
}

function port(name, fallback) {
  const text = process.env[name] || String(fallback);
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    fail(`${name} must be a port number, got "${text}".`);
  return value;
}

if (process.env.DEMO_SKIP_BUILD !== "1") build();

// Imported only now: the build above is what creates them.
const { startEmulator } = await import("@ligdicash-kit/emulator");
const { configFromEnv, lineLogger } = await import("@ligdicash-kit/example-shop-common");
const { startStore } = await import(shopPackage);

const shopPort = port("PORT", 3000);
const emulatorPort = port("LIGDICASH_EMULATOR_PORT", 4010);
// The emulator forgets everything when it stops, so the demo's databases last one run too.
const data = mkdtempSync(join(tmpdir(), "ligdicash-demo-"));
// The admin page's password: the one given, or a new one each run, printed below.
const adminPassword = process.env.ADMIN_PASSWORD || `demo-${randomBytes(6).toString("hex")}`;

let emulator;
let shop;
try {
  emulator = await startEmulator({
    port: emulatorPort,
    publicUrl: `http://localhost:${emulatorPort}`,
  });
  const config = configFromEnv({
    SHOP_DB: join(data, "orders.db"),
    LIGDICASH_DB: join(data, "payments.db"),
    ...process.env,
    PORT: String(shopPort),
    LIGDICASH_API_URL: emulator.url,
    LIGDICASH_API_KEY: "",
    LIGDICASH_AUTH_TOKEN: "",
    ADMIN_PASSWORD: adminPassword,
  });
  shop = await startStore({ ...config, logger: lineLogger() });
} catch (error) {
  await emulator?.close();
  rmSync(data, { recursive: true, force: true });
  const taken = error?.code === "EADDRINUSE";
  fail(
    taken
      ? `Port ${error.port ?? ""} is already in use: stop what runs there, or set PORT / LIGDICASH_EMULATOR_PORT.`
      : `Cannot start the demo: ${error?.message ?? error}`,
  );
}

process.stdout.write(
  `\n  Faso Artisans is open: ${shop.publicUrl}\n\n` +
    `  ${label} shop, paying through a local LigdiCash emulator: no account, no real money.\n` +
    `  Admin (orders, refunds): ${shop.publicUrl}/admin, password ${adminPassword}\n` +
    "  Press Ctrl-C to stop.\n\n",
);

let stopping = false;
async function stop() {
  if (stopping) process.exit(1); // a second Ctrl-C does not wait
  stopping = true;
  process.stdout.write("\nStopping…\n");
  await shop.close();
  await emulator.close();
  rmSync(data, { recursive: true, force: true });
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
