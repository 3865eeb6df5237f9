import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_STORE_TIMEOUT_MS, timeoutOption, withDeadline } from "./deadline.js";
import { closeStore, guardStore } from "./guard.js";
import { isPostgresUnavailable, isRedisUnavailable, isSqliteUnavailable } from "./unavailable.js";

afterEach(() => void vi.useRealTimers());

class FakeStore {
  released = 0;
  timeouts = 0;
  constructor(timeoutMs: number | null) {
    guardStore(this, {
      backend: "Redis",
      timeoutMs,
      isUnavailable: (error) => error instanceof Error && error.message === "socket gone",
      onTimeout: () => void (this.timeouts += 1),
    });
  }
  hang(): Promise<never> {
    return new Promise(() => {});
  }
  fail(message: string): Promise<never> {
    return Promise.reject(new Error(message));
  }
  throwNow(): Promise<never> {
    throw new Error("thrown before any promise");
  }
  close(): Promise<void> {
    return closeStore(this, () => {
      this.released += 1;
      return Promise.resolve();
    });
  }
}

class LaterStore extends FakeStore {
  added(): Promise<string> {
    return Promise.resolve("added later");
  }
}

describe("withDeadline", () => {
  it("settles like the work and leaves no timer behind", async () => {
    vi.useFakeTimers();
    await expect(withDeadline(Promise.resolve(7), 100, () => new Error("late"))).resolves.toBe(7);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects with the timeout error once the time has passed", async () => {
    vi.useFakeTimers();
    const call = withDeadline(new Promise(() => {}), 100, () => new Error("late"));
    const outcome = expect(call).rejects.toThrow("late");
    await vi.advanceTimersByTimeAsync(100);
    await outcome;
  });

  it("timeoutMs defaults to 2 s and must be a positive number", () => {
    expect(timeoutOption(undefined)).toBe(DEFAULT_STORE_TIMEOUT_MS);
    expect(timeoutOption(250)).toBe(250);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => timeoutOption(bad)).toThrow(/timeoutMs/);
    }
  });
});

describe("guardStore", () => {
  it("fails a call that outlives the deadline with STORE_UNAVAILABLE, and reports the timeout", async () => {
    vi.useFakeTimers();
    const store = new FakeStore(500);
    const call = expect(store.hang()).rejects.toMatchObject({
      code: "STORE_UNAVAILABLE",
      status: 503,
      expose: false,
      message: "Redis store unavailable: no answer within 500 ms",
    });
    await vi.advanceTimersByTimeAsync(500);
    await call;
    expect(store.timeouts).toBe(1);
  });

  it("turns unreachable-backend errors into STORE_UNAVAILABLE and lets others through", async () => {
    const store = new FakeStore(null);
    await expect(store.fail("socket gone")).rejects.toMatchObject({
      code: "STORE_UNAVAILABLE",
      cause: new Error("socket gone"),
    });
    await expect(store.fail("payment pay_1 already exists")).rejects.toThrow(
      /^payment pay_1 already exists$/,
    );
    await expect(store.throwNow()).rejects.toThrow("thrown before any promise");
  });

  it("after close() refuses every method, inherited ones too, and releases once", async () => {
    const store = new LaterStore(null);
    await expect(store.added()).resolves.toBe("added later");
    await Promise.all([store.close(), store.close()]);
    await store.close();
    expect(store.released).toBe(1);
    for (const call of [store.added(), store.hang(), store.fail("socket gone")]) {
      await expect(call).rejects.toThrow("The Redis payment store is closed");
    }
  });
});

describe("what counts as unavailable", () => {
  const pg = (code: string) => Object.assign(new Error("x"), { severity: "FATAL", code });
  const socket = Object.assign(new Error("connect ECONNREFUSED"), {
    code: "ECONNREFUSED",
    syscall: "connect",
  });

  it("PostgreSQL: connection, shutdown and timeout errors, not statement errors", () => {
    for (const error of [pg("57P01"), pg("08006"), pg("57014"), pg("53300"), socket]) {
      expect(isPostgresUnavailable(error)).toBe(true);
    }
    expect(isPostgresUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isPostgresUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    for (const error of [pg("23505"), pg("42P01"), new TypeError("bad value")]) {
      expect(isPostgresUnavailable(error)).toBe(false);
    }
  });

  it("Redis: connection and not-ready errors, not script or command errors", () => {
    const reply = (message: string) => Object.assign(new Error(message), { name: "ReplyError" });
    for (const error of [
      socket,
      new Error("Connection is closed."),
      new Error("Command timed out"),
      Object.assign(new Error("x"), { name: "MaxRetriesPerRequestError" }),
      reply("LOADING Redis is loading the dataset in memory"),
      reply("READONLY You can't write against a read only replica."),
    ]) {
      expect(isRedisUnavailable(error)).toBe(true);
    }
    for (const error of [
      reply("ERR user_script:1: bad"),
      new Error("payment pay_1 already exists"),
    ]) {
      expect(isRedisUnavailable(error)).toBe(false);
    }
  });

  it("SQLite: locked, read-only, full or failing file, not constraint errors", () => {
    const sqlite = (code: string) => Object.assign(new Error(code), { code });
    for (const code of ["SQLITE_BUSY", "SQLITE_READONLY", "SQLITE_IOERR_WRITE", "SQLITE_FULL"]) {
      expect(isSqliteUnavailable(sqlite(code))).toBe(true);
    }
    expect(isSqliteUnavailable(sqlite("SQLITE_CONSTRAINT_PRIMARYKEY"))).toBe(false);
  });
});
