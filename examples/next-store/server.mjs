// Runs the built Next.js shop (`next build` first) as its own process, configured like the
// Express and Koa shops: `startStore(config)` resolves once it answers, with its URL and close().
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const dir = dirname(fileURLToPath(import.meta.url));

/** The environment the shop reads (`configFromEnv` of the example shops) for `config`. */
export function shopEnv(config, port) {
  const host = config.host ?? "localhost";
  const env = {
    PORT: String(port),
    HOST: host,
    LIGDICASH_API_KEY: config.apiKey,
    LIGDICASH_AUTH_TOKEN: config.authToken,
    LIGDICASH_SHOP_NAME: config.shopName,
    SHOP_DB: config.ordersDb,
    LIGDICASH_DB: config.paymentsDb,
    LIGDICASH_PUBLIC_URL: config.publicUrl ?? `http://${host}:${port}`,
    // Set even when empty: no password means the admin is off, whatever the parent's environment.
    ADMIN_PASSWORD: config.adminPassword ?? "",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if (config.apiUrl) env.LIGDICASH_API_URL = config.apiUrl;
  const firstCheck = config.ligdicash?.reconcile?.firstCheckAfterMs;
  if (firstCheck !== undefined) env.RECONCILE_FIRST_CHECK_AFTER_MS = String(firstCheck);
  return env;
}

/** Starts `next start` on `config.port` (0: a free one) and `config.host`. */
export async function startStore(config) {
  if (!existsSync(join(dir, ".next", "BUILD_ID"))) {
    throw new Error(
      "The Next.js shop is not built: run `npm run build -w @ligdicash-kit/example-next-store`.",
    );
  }
  // No host: every interface, as the other shops listen, and reached as localhost.
  const host = config.host ?? "localhost";
  const port = config.port || (await freePort(config.host ?? "127.0.0.1"));
  const next = join(
    dirname(createRequire(import.meta.url).resolve("next/package.json")),
    "dist",
    "bin",
    "next",
  );
  const child = spawn(
    process.execPath,
    [next, "start", "--port", String(port), ...(config.host ? ["--hostname", config.host] : [])],
    {
      cwd: dir,
      env: { ...process.env, ...shopEnv({ ...config, host }, port), NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  // Its log lines are shown when the caller has a logger (the demo), else kept for an error.
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
    if (config.logger) process.stdout.write(chunk);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const url = `http://${host}:${port}`;
  await new Promise((resolve, reject) => {
    const exited = (code) => reject(new Error(`next start exited (${code}):\n${output}`));
    child.once("exit", exited);
    const deadline = Date.now() + 60_000;
    const probe = () =>
      fetch(`${url}/api/products`).then(
        () => (child.off("exit", exited), resolve()),
        () => {
          if (Date.now() > deadline) {
            child.kill("SIGKILL");
            reject(new Error(`next start did not answer within 60 s:\n${output}`));
          } else setTimeout(probe, 200);
        },
      );
    probe();
  });
  return {
    url,
    publicUrl: config.publicUrl ?? url,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => (clearTimeout(kill), resolve()));
        child.kill("SIGTERM");
      }),
  };
}

function freePort(host) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
