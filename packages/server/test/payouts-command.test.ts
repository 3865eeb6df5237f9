import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator } from "@ligdicash-kit/emulator";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runPayoutsCommand } from "../src/commands/payouts.js";
import { newPayout } from "../src/model/payout.js";
import { PostgresPaymentStore } from "../src/storage/postgres.js";
import { RedisPaymentStore } from "../src/storage/redis.js";
import { SqlitePaymentStore } from "../src/storage/sqlite.js";
import type { LigdicashStore } from "../src/storage/store.js";
import { dropRedisKeys, PG_URL, REDIS_URL } from "./services.js";
import { API_KEY, AUTH_TOKEN, startShop } from "./shop.js";

let dir: string;
let file: string;
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, apiKey: API_KEY, authToken: AUTH_TOKEN });
});
afterAll(() => emulator.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "payouts-command-"));
  file = join(dir, "payments.db");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `ligdicash-kit payouts …` in `cwd`: its exit code and what it printed. */
async function command(argv: string[], cwd = dir, env: Record<string, string> = {}) {
  let printed = "";
  const code = await runPayoutsCommand({
    argv,
    env: { LANG: "en_US.UTF-8", ...env },
    cwd,
    out: (text) => void (printed += text),
  });
  return { code, printed };
}

/** A store holding one payout whose create went unanswered, as the shop's process left it. */
async function unknownPayout(
  id: string,
  store: LigdicashStore = new SqlitePaymentStore(file),
): Promise<void> {
  const now = Date.now();
  const payout = newPayout({
    id,
    amount: 25_000,
    method: "mobile_money",
    beneficiary: "22670112233",
    country: "BF",
    operatorHint: "ORANGE BURKINA",
    description: "May sales",
    now,
    staleAt: now + 60_000,
  });
  expect(await store.insertPayout(payout)).toBe(true);
  const unknown = {
    token: null,
    errorCode: "LIGDICASH_UNAVAILABLE",
    errorMessage: "The create call timed out after sending.",
  };
  expect(await store.transitionPayout(id, "pending", "unknown", unknown)).toBe(true);
  await store.close();
}

describe("ligdicash-kit payouts", () => {
  it("lists the payouts, marking those that need a person, with numbers masked and no token", async () => {
    await unknownPayout("seller-42-2026-05");
    const { code, printed } = await command(["list", "--store", file]);
    expect(code).toBe(0);
    expect(printed).toContain(`Payouts in ${file}, newest first:`);
    expect(printed).toMatch(/seller-42-2026-05\s+unknown \(!\)\s+25000\s+mobile_money\s+2267•+33/);
    expect(printed).toContain("ligdicash-kit payouts resolve <id> paid|failed");
    expect(printed).not.toContain("22670112233");

    const json = await command(["list", "--status", "unknown", "--json", "--store", file]);
    const listed = JSON.parse(json.printed) as Record<string, unknown>[];
    expect(listed).toMatchObject([
      { id: "seller-42-2026-05", status: "unknown", to: "2267•••••33" },
    ]);
    expect(json.printed).not.toMatch(/token/i);
    expect(
      JSON.parse((await command(["list", "--status", "paid", "--json", "--store", file])).printed),
    ).toEqual([]);
  });

  it("resolves an unknown payout; the shop's own reconciler then runs its hook, once", async () => {
    await unknownPayout("seller-7-2026-05");
    const resolved = await command(["resolve", "seller-7-2026-05", "paid", "--store", file]);
    expect(resolved).toEqual({
      code: 0,
      printed:
        "Payout seller-7-2026-05 is paid now (it was unknown). The shop's hooks run on its next reconciler pass.\n",
    });
    // Said twice: nothing more happens.
    expect((await command(["resolve", "seller-7-2026-05", "paid", "--store", file])).printed).toBe(
      "Payout seller-7-2026-05 was paid already: nothing changed.\n",
    );
    // The other word on a settled payout is refused.
    const contrary = await command(["resolve", "seller-7-2026-05", "failed", "--store", file]);
    expect(contrary.code).toBe(1);
    expect(contrary.printed).toMatch(/^PAYOUT_ALREADY_SETTLED: /);

    // The hook is the shop's code, run in the shop's process by its reconciler.
    const shop = await startShop({
      framework: "express5",
      apiUrl: emulator.url,
      options: { storage: new SqlitePaymentStore(file), payouts: { defaultCountry: "BF" } },
    });
    try {
      await shop.middleware.reconcile();
      await shop.settled();
      await shop.middleware.reconcile();
      await shop.settled();
      expect(shop.payoutsPaid.map((p) => [p.id, p.status])).toEqual([["seller-7-2026-05", "paid"]]);
    } finally {
      await shop.close();
    }
  });

  it("finds the shop's default database from a subfolder, and refuses to create one elsewhere", async () => {
    writeFileSync(join(dir, "package.json"), "{}");
    mkdirSync(join(dir, ".ligdicash"));
    file = join(dir, ".ligdicash", "payments.db");
    await unknownPayout("seller-9");
    mkdirSync(join(dir, "src"));
    const found = await command(["list"], join(dir, "src"));
    expect(found.code).toBe(0);
    expect(found.printed).toContain("seller-9");

    const elsewhere = mkdtempSync(join(tmpdir(), "payouts-command-empty-"));
    try {
      const missing = await command(["list"], elsewhere);
      expect(missing.code).toBe(1);
      expect(missing.printed).toMatch(
        /^INVALID_OPTIONS: No payments database at .*payments\.db\. Run/,
      );
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it("says what is wrong with the arguments, with the usage, exit code 2", async () => {
    for (const argv of [
      ["send"],
      ["resolve", "seller-1"],
      ["resolve", "seller-1", "maybe"],
      ["list", "--status", "lost"],
      ["list", "--limit", "0"],
      ["list", "--store"],
    ]) {
      const { code, printed } = await command(argv);
      expect(code).toBe(2);
      expect(printed).toContain("Usage: ligdicash-kit payouts list");
    }
    expect((await command(["--help"])).code).toBe(0);
  });

  it("reads and resolves a shop's PostgreSQL or Redis store, under the shop's prefix", async () => {
    const suffix = randomBytes(4).toString("hex");
    const shared = [
      {
        url: PG_URL,
        prefix: `ligdicash_cli_${suffix}`,
        open: (prefix: string) =>
          new PostgresPaymentStore({ connectionString: PG_URL, tablePrefix: prefix }),
        drop: async (prefix: string) => {
          const pg = new PostgresPaymentStore({ connectionString: PG_URL, tablePrefix: prefix });
          await pg.dropTables();
          await pg.close();
        },
      },
      {
        url: REDIS_URL,
        prefix: `{ligdicash-cli-${suffix}}:`,
        open: (prefix: string) => new RedisPaymentStore({ url: REDIS_URL, keyPrefix: prefix }),
        drop: dropRedisKeys,
      },
    ];
    for (const { url, prefix, open, drop } of shared) {
      try {
        await unknownPayout(`seller-${suffix}`, open(prefix));
        const listed = await command(["list", "--json", "--store", url, "--prefix", prefix]);
        expect(JSON.parse(listed.printed)).toMatchObject([
          { id: `seller-${suffix}`, status: "unknown" },
        ]);
        const resolved = await command([
          "resolve",
          `seller-${suffix}`,
          "failed",
          "--store",
          url,
          "--prefix",
          prefix,
        ]);
        expect(resolved.code).toBe(0);
        const store = open(prefix);
        expect((await store.getPayout(`seller-${suffix}`))?.status).toBe("failed");
        await store.close();
      } finally {
        await drop(prefix);
      }
    }
  });

  it("speaks French where the terminal does", async () => {
    await unknownPayout("vendeur-3");
    const { printed } = await command(["resolve", "vendeur-3", "failed", "--store", file], dir, {
      LANG: "fr_BF.UTF-8",
    });
    expect(printed).toBe(
      "Le paiement sortant vendeur-3 est failed (il était unknown). Les hooks de la boutique s'exécutent à sa prochaine réconciliation.\n",
    );
  });
});
