import { describe, expect, it } from "vitest";
import { LoginThrottle } from "./throttle.js";

describe("LoginThrottle", () => {
  const MINUTE = 60_000;

  it("locks a client out after 5 wrong passwords in 15 minutes, until the oldest is 15 minutes old", () => {
    const throttle = new LoginThrottle();
    const locks = [0, 1, 2, 3, 4].map((n) => throttle.failed("10.0.0.1", n * MINUTE));
    expect(locks).toEqual([false, false, false, false, true]);
    expect(throttle.wait("10.0.0.1", 4 * MINUTE)).toBe(11 * MINUTE);
    expect(throttle.wait("10.0.0.1", 15 * MINUTE - 1)).toBe(1);
    // The first failure is 15 minutes old: one more try, whose failure locks again.
    expect(throttle.wait("10.0.0.1", 15 * MINUTE)).toBe(0);
    expect(throttle.failed("10.0.0.1", 15 * MINUTE)).toBe(true);
    expect(throttle.wait("10.0.0.1", 15 * MINUTE)).toBe(MINUTE);
  });

  it("counts each client apart: a guesser does not lock the owner out", () => {
    const throttle = new LoginThrottle();
    for (let n = 0; n < 5; n++) throttle.failed("203.0.113.9", n);
    expect(throttle.wait("203.0.113.9", 10)).toBeGreaterThan(0);
    expect(throttle.wait("192.168.1.20", 10)).toBe(0);
  });

  it("starts a client afresh after a right password", () => {
    const throttle = new LoginThrottle();
    for (let n = 0; n < 4; n++) throttle.failed("10.0.0.1", n);
    throttle.succeeded("10.0.0.1");
    expect(throttle.failed("10.0.0.1", 5)).toBe(false);
    expect(throttle.wait("10.0.0.1", 5)).toBe(0);
  });

  it("keeps at most maxClients clients, forgetting the least recent first", () => {
    const throttle = new LoginThrottle(1, MINUTE, 2);
    throttle.failed("a", 0);
    throttle.failed("b", 1);
    throttle.failed("a", 2);
    throttle.failed("c", 3);
    expect(throttle.wait("b", 4)).toBe(0);
    expect(throttle.wait("a", 4)).toBeGreaterThan(0);
    expect(throttle.wait("c", 4)).toBeGreaterThan(0);
  });
});
