#!/usr/bin/env node
// A new user's first hour, from the packed tarballs, with no network (npm install --offline, from
// the npm cache that `npm ci` filled): an Express 4 shop, a Koa 2 shop and a Vite + React
// storefront, each mistake of issue 9 made on purpose, and for each the line the user sees, which
// must name the fix. Run after a build (CI runs it after the tests): node scripts/walkthrough/run.mjs
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, postJson, run, start } from "./lib.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..", "..");
const work = mkdtempSync(join(tmpdir(), "ligdicash-walkthrough-"));
const version = (dir) => JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")).version;
const results = [];
const running = [];

async function check(name, scenario) {
  try {
    const line = await scenario();
    results.push(true);
    process.stdout.write(`✓ ${name}\n    ${line.trim()}\n`);
  } catch (error) {
    results.push(false);
    process.stdout.write(`✗ ${name}\n    ${error.message.split("\n").join("\n    ")}\n`);
  }
}

/** The line of `text` holding every piece, or an error saying which piece no line has. */
function lineWith(text, pieces, where) {
  const line = text.split("\n").find((l) => pieces.every((piece) => l.includes(piece)));
  if (line === undefined) {
    throw new Error(
      `no line of ${where} has ${pieces.map((p) => JSON.stringify(p)).join(" and ")}:\n${text}`,
    );
  }
  return line;
}

const npmOffline = ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error"];
const baseEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  npm_config_update_notifier: "false",
};

async function newApp(name, packages) {
  const dir = join(work, name);
  if (name === "react-app") cpSync(join(here, "react-app"), dir, { recursive: true });
  else {
    mkdirSync(dir);
    for (const file of ["express-shop.mjs", "koa-shop.mjs"])
      copyFileSync(join(here, file), join(dir, file));
  }
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type: "module" }));
  try {
    await run("npm", [...npmOffline, ...packages], { cwd: dir, env: baseEnv });
  } catch (error) {
    // A new machine's cache holds the tarballs `npm ci` fetched, not always every package's
    // metadata: then the registry fills the gap, and the run says so.
    if (!error.message.includes("ENOTCACHED")) throw error;
    process.stdout.write(`  (${name}: the npm cache lacks some metadata; asking the registry)\n`);
    const online = npmOffline.map((arg) => (arg === "--offline" ? "--prefer-offline" : arg));
    await run("npm", [...online, ...packages], { cwd: dir, env: baseEnv });
  }
  return dir;
}

try {
  process.stdout.write("Packing the packages…\n");
  const packed = join(work, "packed");
  await run("node", [join(root, "scripts", "pack.mjs"), packed], { cwd: root, env: process.env });
  const tarball = (name) =>
    join(
      packed,
      readdirSync(packed).find((f) => f.startsWith(`ligdicash-kit-${name}-`)),
    );

  process.stdout.write("Installing them into new apps, offline…\n");
  const kit = [tarball("server"), tarball("emulator")];
  const apps = {
    "Express 4": {
      dir: await newApp("express4", [...kit, `express@${version("node_modules/express4")}`]),
      file: "express-shop.mjs",
    },
    "Koa 2": {
      dir: await newApp("koa2", [...kit, `koa@${version("node_modules/koa2")}`]),
      file: "koa-shop.mjs",
    },
  };

  // The emulator, from its tarball, as the README says: npx ligdicash-emulator.
  const emulatorPort = await freePort();
  const emulator = start("npx", ["ligdicash-emulator", "--port", String(emulatorPort)], {
    cwd: apps["Express 4"].dir,
    env: baseEnv,
  });
  running.push(emulator);
  const listening = await emulator.waitFor(/listening on (http\S+)/);
  if (!listening)
    throw new Error(`the emulator did not start:\n${emulator.out.stdout}${emulator.out.stderr}`);
  const emulatorUrl = listening[1];

  const shopEnv = (port, extra) => ({
    ...baseEnv,
    NODE_ENV: "development",
    PORT: String(port),
    LIGDICASH_API_URL: emulatorUrl,
    LIGDICASH_API_KEY: "emulator-api-key",
    LIGDICASH_AUTH_TOKEN: "emulator-auth-token",
    LIGDICASH_PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...extra,
  });
  async function startShop(app, extra = {}) {
    const port = await freePort();
    const shop = start("node", [app.file], { cwd: app.dir, env: shopEnv(port, extra) });
    running.push(shop);
    const up = await shop.waitFor(/listening on (\S+)/, 15_000);
    return { shop, url: `http://127.0.0.1:${port}`, up, env: shopEnv(port, extra) };
  }
  /** The shop's stderr line holding every piece, once it has been written. */
  async function logLine(shop, pieces) {
    await shop.waitFor(new RegExp(pieces[0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")), 10_000);
    return lineWith(shop.out.stderr, pieces, "the shop's stderr");
  }
  const pay = (url, headers) =>
    postJson(`${url}/api/ligdicash/pay`, { orderId: "ord_42" }, headers);
  async function doctor(app, env, url) {
    const child = start("npx", ["ligdicash-kit", "doctor", url, "--lang", "en"], {
      cwd: app.dir,
      env,
    });
    return { code: await child.exited, text: child.out.stdout + child.out.stderr };
  }

  for (const [framework, app] of Object.entries(apps)) {
    await check(
      `${framework}: the default SQLite store without better-sqlite3 installed`,
      async () => {
        const { shop } = await startShop(app, { MISTAKE: "default-store" });
        if ((await shop.exited) === 0) throw new Error("the shop started");
        return lineWith(
          shop.out.stderr,
          ["install better-sqlite3", "or pass storage"],
          "the start-up error",
        );
      },
    );

    await check(
      `${framework}: LIGDICASH_PUBLIC_URL not set (LIGDICASH_SHOP_NAME set)`,
      async () => {
        const { shop } = await startShop(app, {
          LIGDICASH_PUBLIC_URL: "",
          LIGDICASH_SHOP_NAME: "Boutique",
        });
        await shop.exited;
        if (shop.out.stderr.includes("websiteUrl"))
          throw new Error(`blames websiteUrl:\n${shop.out.stderr}`);
        return lineWith(
          shop.out.stderr,
          ["publicUrl is missing", "set LIGDICASH_PUBLIC_URL"],
          "the start-up error",
        );
      },
    );

    await check(`${framework}: a wrong LIGDICASH_API_URL (nothing listens there)`, async () => {
      const closed = await freePort();
      const { shop, url } = await startShop(app, {
        LIGDICASH_API_URL: `http://127.0.0.1:${closed}`,
      });
      const answer = await pay(url);
      if (answer.status !== 503 || !answer.body.error?.hint?.includes("LIGDICASH_API_URL")) {
        throw new Error(`pay answered ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      const line = await logLine(shop, [
        `ECONNREFUSED 127.0.0.1:${closed}`,
        "fix: Check LIGDICASH_API_URL",
      ]);
      await shop.stop();
      return line;
    });

    await check(
      `${framework}: an amount as an integer string, as pg returns NUMERIC ("15000")`,
      async () => {
        const { shop, url } = await startShop(app, { MISTAKE: "string-amount" });
        const answer = await pay(url);
        await shop.stop();
        if (answer.status !== 200)
          throw new Error(`pay answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        return `pay answered 200 with ${answer.body.payUrl}`;
      },
    );

    await check(`${framework}: an amount with a fraction ("15000.5")`, async () => {
      const { shop, url } = await startShop(app, { MISTAKE: "float-amount" });
      const answer = await pay(url);
      if (answer.status !== 500) throw new Error(`pay answered ${answer.status}`);
      const line = await logLine(shop, [
        'getOrder("ord_42") returned an invalid order: amount "15000.5"',
        "fix: getOrder must return",
      ]);
      await shop.stop();
      return line;
    });

    await check(`${framework}: a getOrder that throws`, async () => {
      const { shop, url } = await startShop(app, { MISTAKE: "getorder-throws" });
      await pay(url);
      const line = await logLine(shop, [
        'getOrder("ord_42") threw: TypeError: orders table not found',
        "fix: Fix getOrder",
        "→ at ",
      ]);
      await shop.stop();
      return line;
    });

    await check(`${framework}: an onPaid that throws`, async () => {
      const { shop, url } = await startShop(app, { MISTAKE: "onpaid-throws" });
      const answer = await pay(url);
      if (answer.status !== 200) throw new Error(`pay answered ${answer.status}`);
      const invoices = await (await fetch(`${emulatorUrl}/__emulator/invoices`)).json();
      const invoice = invoices.findLast((i) => i.callbackUrl.startsWith(url));
      await postJson(`${emulatorUrl}/__emulator/invoices/${invoice.token}/settle`, {
        status: "completed",
      });
      const line = await logLine(shop, [
        "warehouse API down (Error thrown by onPaid)",
        "retryAt=",
        "fix: The payment is paid",
        "→ at ",
      ]);
      await shop.stop();
      return line;
    });

    await check(`${framework}: /pay from another origin (a storefront elsewhere)`, async () => {
      const { shop, url } = await startShop(app);
      const answer = await pay(url, {
        origin: "http://localhost:5173",
        "sec-fetch-site": "same-site",
      });
      if (answer.status !== 403) throw new Error(`pay answered ${answer.status}`);
      const line = await logLine(shop, ['"http://localhost:5173"', "set LIGDICASH_STOREFRONT_URL"]);
      await shop.stop();
      return line;
    });

    await check(
      `${framework}: the kit mounted after the storefront's catch-all (doctor)`,
      async () => {
        const { shop, url, env } = await startShop(app, { MISTAKE: "after-spa" });
        const result = await doctor(app, env, url);
        await shop.stop();
        if (result.code !== 1)
          throw new Error(`doctor exited with ${result.code}:\n${result.text}`);
        lineWith(result.text, ["fix: Mount app.use(ligdicash(...)) before"], "the doctor's output");
        return lineWith(
          result.text,
          ["a catch-all route serves index.html before the kit"],
          "the doctor's output",
        );
      },
    );

    await check(
      `${framework}: a shop set up right pays, and the doctor finds nothing`,
      async () => {
        const { shop, url, env } = await startShop(app);
        const answer = await pay(url);
        const invoices = await (await fetch(`${emulatorUrl}/__emulator/invoices`)).json();
        const invoice = invoices.findLast((i) => i.callbackUrl.startsWith(url));
        await postJson(`${emulatorUrl}/__emulator/invoices/${invoice.token}/settle`, {
          status: "completed",
        });
        const status = await (await fetch(`${url}/api/ligdicash/status/ord_42`)).json();
        const result = await doctor(app, env, url);
        await shop.stop();
        if (answer.status !== 200 || status.status !== "paid")
          throw new Error(`pay ${answer.status}, status ${JSON.stringify(status)}`);
        if (result.code !== 0)
          throw new Error(`doctor exited with ${result.code}:\n${result.text}`);
        // The doctor's empty callback probe is the one warning expected (its output says so).
        const unexpected = shop.out.stderr
          .split("\n")
          .filter((line) => line.trim() && !line.includes("callback without a transaction id"));
        if (unexpected.length > 0) {
          throw new Error(`the shop wrote to stderr:\n${unexpected.join("\n")}`);
        }
        return lineWith(shop.out.stdout, ["shop: order ord_42 paid"], "the shop's stdout");
      },
    );
  }

  process.stdout.write("A Vite + React storefront…\n");
  const reactDir = await newApp("react-app", [
    tarball("react"),
    `react@${version("node_modules/react")}`,
    `react-dom@${version("node_modules/react-dom")}`,
    `vite@${version("node_modules/vite")}`,
    `@vitejs/plugin-react@${version("examples/storefront/node_modules/@vitejs/plugin-react")}`,
  ]);

  await check("Vite + React: the storefront builds with PayButton and ReturnPage", async () => {
    await run("npx", ["vite", "build", "--logLevel", "error"], { cwd: reactDir, env: baseEnv });
    const assets = readdirSync(join(reactDir, "dist", "assets")).filter((f) => f.endsWith(".js"));
    const code = assets
      .map((f) => readFileSync(join(reactDir, "dist", "assets", f), "utf8"))
      .join("");
    if (!code.includes("/api/ligdicash"))
      throw new Error("the bundle does not call the kit's routes");
    return `dist/assets/${assets.join(", ")} built`;
  });

  await check(
    "Vite + React: the dev server proxies /api; shoppers return to the storefront",
    async () => {
      const vitePort = await freePort();
      const viteUrl = `http://127.0.0.1:${vitePort}`;
      const { shop, url } = await startShop(apps["Express 4"], {
        LIGDICASH_STOREFRONT_URL: viteUrl,
      });
      const vite = start(
        "npx",
        ["vite", "--host", "127.0.0.1", "--port", String(vitePort), "--strictPort"],
        {
          cwd: reactDir,
          env: { ...baseEnv, SHOP_URL: url },
        },
      );
      running.push(vite);
      try {
        if (!(await vite.waitFor(/Local:/, 60_000)))
          throw new Error(`vite did not start:\n${vite.out.stderr}`);
        const page = await (await fetch(viteUrl)).text();
        if (!page.includes('id="root"'))
          throw new Error("the dev server does not serve index.html");
        const answer = await pay(viteUrl, { origin: viteUrl, "sec-fetch-site": "same-origin" });
        if (answer.status !== 200)
          throw new Error(
            `pay through the proxy answered ${answer.status}: ${JSON.stringify(answer.body)}`,
          );
        const invoices = await (await fetch(`${emulatorUrl}/__emulator/invoices`)).json();
        const invoice = invoices.findLast((i) => i.callbackUrl.startsWith(url));
        if (!invoice.returnUrl.startsWith(`${viteUrl}/payment/return?order=ord_42`)) {
          throw new Error(`the return URL is ${invoice.returnUrl}`);
        }
        return `return URL ${invoice.returnUrl}, callback URL ${invoice.callbackUrl}`;
      } finally {
        await vite.stop();
        await shop.stop();
      }
    },
  );
} catch (error) {
  results.push(false);
  process.stdout.write(`✗ the walkthrough stopped: ${error.message}\n`);
} finally {
  await Promise.all(running.map((child) => child.stop()));
  rmSync(work, { recursive: true, force: true });
}

const failed = results.filter((ok) => !ok).length;
process.stdout.write(
  `walkthrough: ${results.length - failed} of ${results.length} checks passed\n`,
);
process.exit(failed > 0 ? 1 : 0);
