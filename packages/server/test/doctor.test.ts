import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startEmulator, type Emulator } from "@ligdicash-kit/emulator";
import express from "express4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDoctor } from "../src/doctor/doctor.js";
import { ligdicash } from "../src/express.js";
import { MemoryPaymentStore } from "../src/storage/memory.js";
import { PG_URL, REDIS_URL } from "./services.js";
import { API_KEY, AUTH_TOKEN } from "./shop.js";

let emulator: Emulator;
let app: string;
const servers: Server[] = [];
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, apiKey: API_KEY, authToken: AUTH_TOKEN });
  app = mkdtempSync(join(tmpdir(), "ligdicash-doctor-"));
  writeFileSync(join(app, "package.json"), "{}");
});
afterAll(async () => {
  await emulator.close();
  for (const server of servers) server.close();
  rmSync(app, { recursive: true, force: true });
});

type Mount = "right" | "after a catch-all" | "after a 404 handler";

/** A real Express 4 shop with a storefront fallback and a 404 handler, the kit mounted `mount`. */
async function shop(mount: Mount): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kit = ligdicash({
    getOrder: () => null,
    onPaid: () => undefined,
    apiKey: API_KEY,
    authToken: AUTH_TOKEN,
    apiUrl: emulator.url,
    publicUrl: url,
    storage: new MemoryPaymentStore(),
    logger: false,
    reconcile: { intervalMs: 0 },
  });
  const spa = express
    .Router()
    .get("*", (_req, res) => void res.type("html").send("<!doctype html><div id=root></div>"));
  const notFound: express.RequestHandler = (_req, res) => void res.status(404).send("Not found");
  const app = express();
  if (mount === "right") app.use(kit, spa, notFound);
  if (mount === "after a catch-all") app.use(spa, kit, notFound);
  if (mount === "after a 404 handler") app.use(notFound, kit);
  server.on("request", app);
  return url;
}

const env = () => ({
  LIGDICASH_API_URL: emulator.url,
  LIGDICASH_API_KEY: API_KEY,
  LIGDICASH_AUTH_TOKEN: AUTH_TOKEN,
  LIGDICASH_PUBLIC_URL: "http://localhost:3000",
  LANG: "en_US.UTF-8",
});

async function doctor(argv: string[], environment: Record<string, string> = env()) {
  let out = "";
  const code = await runDoctor({ argv, env: environment, cwd: app, out: (t) => void (out += t) });
  return { code, out };
}

describe("ligdicash-kit doctor", () => {
  it("passes a shop set up right, against the emulator", async () => {
    const { code, out } = await doctor(["doctor", await shop("right")]);
    expect(out).toContain("✓ LIGDICASH_API_KEY and LIGDICASH_AUTH_TOKEN are set.");
    expect(out).toMatch(/✓ LigdiCash at 127\.0\.0\.1:\d+ accepts these credentials\./);
    expect(out).toContain("✓ This machine's clock agrees with");
    expect(out).toContain("answers the kit's JSON.");
    expect(out).toContain("reaches the kit: LigdiCash's callbacks will arrive");
    expect(out).toContain("Everything checked is fine.");
    expect(out).not.toContain("✗");
    expect(code).toBe(0);
  });

  it("finds the status route shadowed by a catch-all mounted before the kit", async () => {
    const { code, out } = await doctor(["doctor", await shop("after a catch-all")]);
    expect(out).toContain(
      "answers an HTML page (200): a catch-all route serves index.html before the kit",
    );
    expect(out).toContain("→ fix: Mount app.use(ligdicash(...)) before the storefront's catch-all");
    expect(code).toBe(1);
  });

  it("finds callbacks lost to a 404 handler mounted before the kit", async () => {
    const { code, out } = await doctor(["doctor", await shop("after a 404 handler")]);
    expect(out).toMatch(
      /✗ POST .*\/api\/ligdicash\/callback answers 404: LigdiCash's callbacks would be lost\./,
    );
    expect(code).toBe(1);
  });

  it("finds wrong credentials, an unreachable API and a missing public URL, with their fixes", async () => {
    const wrongKeys = await doctor(["doctor"], { ...env(), LIGDICASH_AUTH_TOKEN: "not-the-token" });
    expect(wrongKeys.out).toContain("refuses these credentials (Code00).");
    expect(wrongKeys.out).toContain("→ fix: Copy the API key and auth token");
    expect(wrongKeys.code).toBe(1);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = await doctor(["doctor"], {
      ...env(),
      LIGDICASH_API_URL: `http://127.0.0.1:${port}`,
    });
    expect(down.out).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
    expect(down.out).toContain("→ fix: Check LIGDICASH_API_URL");

    const { LIGDICASH_PUBLIC_URL: _, ...noPublicUrl } = env();
    const missing = await doctor(["doctor"], noPublicUrl);
    expect(missing.out).toContain("✗ LIGDICASH_PUBLIC_URL is not set.");
  });

  it("refuses a local or plain-http public URL in production", async () => {
    const { out, code } = await doctor(["doctor"], { ...env(), NODE_ENV: "production" });
    expect(out).toContain(
      "✗ LIGDICASH_PUBLIC_URL is not https in production: http://localhost:3000.",
    );
    const local = await doctor(["doctor"], {
      ...env(),
      NODE_ENV: "production",
      LIGDICASH_PUBLIC_URL: "https://127.0.0.1:8443",
    });
    expect(local.out).toContain("is a local address in production (127.0.0.1)");
    expect(code).toBe(1);
  });

  it("speaks French with LANG=fr_* or --lang fr", async () => {
    const url = await shop("after a catch-all");
    const byLang = await doctor(["doctor", url], { ...env(), LANG: "fr_BF.UTF-8" });
    expect(byLang.out).toContain("LigdiCash à 127.0.0.1");
    expect(byLang.out).toContain("→ à faire : Montez app.use(ligdicash(...)) avant");
    expect(byLang.out).toContain("1 problème à corriger.");
    const byFlag = await doctor(["doctor", url, "--lang", "fr"]);
    expect(byFlag.out).toBe(byLang.out);
  });

  it("checks a shared store given with --store, without its password in the output", async () => {
    const pg = await doctor(["doctor", "--store", PG_URL]);
    expect(pg.out).toContain("✓ The store at postgres://");
    const redis = await doctor(["doctor", "--store", REDIS_URL]);
    expect(redis.out).toContain("✓ The store at redis://");
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = await doctor(["doctor", "--store", `redis://:s3cret@127.0.0.1:${port}`]);
    expect(down.out).toContain(`does not answer: ECONNREFUSED 127.0.0.1:${port}.`);
    expect(down.out).not.toContain("s3cret");
    expect(down.code).toBe(1);
  });

  it("runs as the ligdicash-kit command", async () => {
    const bin = join(import.meta.dirname, "..", "bin", "ligdicash-kit.js");
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [bin, "doctor", await shop("right")], {
      env: { ...process.env, ...env() },
      cwd: app,
    });
    expect(stdout).toContain("Everything checked is fine.");
    await expect(
      run(process.execPath, [bin, "doctor", "--lang", "en"], {
        env: { PATH: process.env.PATH ?? "" },
        cwd: app,
      }),
    ).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining(
        "✗ LIGDICASH_API_KEY and LIGDICASH_AUTH_TOKEN not set.",
      ) as unknown,
    });
  });
});
