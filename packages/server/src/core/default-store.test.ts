import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultDatabaseFile, defaultStore } from "./default-store.js";
import { LigdicashError } from "./errors.js";
import { lazyDefaultStore } from "./lazy-store.js";
import type { SafeLogger } from "./logger.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function app(): string {
  const root = mkdtempSync(join(tmpdir(), "ligdicash-app-"));
  dirs.push(root);
  writeFileSync(join(root, "package.json"), "{}");
  mkdirSync(join(root, "src", "server"), { recursive: true });
  return root;
}

function recorder(): SafeLogger & { lines: [Record<string, unknown>, string | undefined][] } {
  const lines: [Record<string, unknown>, string | undefined][] = [];
  const keep = (o: Record<string, unknown>, m?: string) => void lines.push([o, m]);
  return { lines, debug: keep, info: keep, warn: keep, error: keep };
}

describe("the default store", () => {
  it("lives in .ligdicash/ of the app's folder, wherever in the app the process starts", () => {
    const root = app();
    const expected = join(root, ".ligdicash", "payments.db");
    expect(defaultDatabaseFile({}, root)).toBe(expected);
    expect(defaultDatabaseFile({}, join(root, "src", "server"))).toBe(expected);
    expect(defaultDatabaseFile({ LIGDICASH_DB: "data/pay.db" }, root)).toBe(
      join(root, "data", "pay.db"),
    );
  });

  it("announces the file it creates, with its absolute path, once", async () => {
    const root = app();
    const log = recorder();
    const store = defaultStore({}, log, join(root, "src"));
    await store.close();
    const file = join(root, ".ligdicash", "payments.db");
    expect(existsSync(file)).toBe(true);
    expect(log.lines).toEqual([
      [
        { file },
        "payments database created (set LIGDICASH_DB or pass storage to keep it elsewhere)",
      ],
    ]);
    await defaultStore({}, log, root).close();
    expect(log.lines).toHaveLength(1);
  });

  it("refuses a file system it cannot write with one error that names the stores to use", () => {
    // /sys refuses new folders (read-only in containers, EPERM or EACCES elsewhere on Linux).
    const file = "/sys/ligdicash-kit-test/payments.db";
    const log = recorder();
    let caught: unknown;
    try {
      defaultStore({ LIGDICASH_DB: file }, log);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LigdicashError);
    const error = caught as LigdicashError;
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.message).toContain(`cannot use ${file}`);
    expect(error.message).toMatch(/\((EROFS|EPERM|EACCES)\)/);
    expect(error.message).toContain("PostgresPaymentStore");
    expect(error.message).toContain("RedisPaymentStore");
    expect(log.lines).toEqual([]);
  });

  it("opened on first use by the Web entries: the refusal is every call's answer", async () => {
    const store = lazyDefaultStore(
      { LIGDICASH_DB: "/sys/ligdicash-kit-test/payments.db" },
      recorder(),
    );
    for (const call of [store.get("pay_x"), store.listByOrder("order_1")]) {
      await expect(call).rejects.toMatchObject({
        code: "INVALID_OPTIONS",
        message: expect.stringContaining("PostgresPaymentStore") as unknown,
      });
    }
    await store.close();
  });
});
