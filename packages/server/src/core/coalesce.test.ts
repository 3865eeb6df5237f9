import { describe, expect, it } from "vitest";
import { Coalescer } from "./coalesce.js";

function deferred<T = number>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("Coalescer", () => {
  it("shares a task with callers that accept its start time", async () => {
    const clock = { now: 100 };
    const c = new Coalescer<number>(() => clock.now);
    const gate = deferred();
    let runs = 0;
    const task = (begin: () => void) => {
      runs += 1;
      begin();
      return gate.promise;
    };
    const first = c.run("k", 0, task);
    await Promise.resolve();
    await Promise.resolve();
    const others = [c.run("k", 50, task), c.run("k", 100, task)];
    gate.resolve(7);
    expect(await Promise.all([first, ...others])).toEqual([7, 7, 7]);
    expect(runs).toBe(1);
  });

  it("lets callers join a task until it begins its work, and queues one fresh task for later ones", async () => {
    const clock = { now: 100 };
    const c = new Coalescer<number>(() => clock.now);
    const wait = deferred<void>();
    const gates = [deferred(), deferred()];
    const begun: Array<() => void> = [];
    let runs = 0;
    const task = async (begin: () => void) => {
      const mine = runs++;
      if (mine === 0) await wait.promise; // e.g. spacing confirms: not begun yet
      begin();
      begun.push(begin);
      return gates[mine]!.promise;
    };
    const first = c.run("k", 0, task);
    clock.now = 500;
    const joined = c.run("k", 400, task); // arrives while the first still waits: joins
    wait.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(begun).toHaveLength(1);
    clock.now = 600;
    const later = [c.run("k", 550, task), c.run("k", 560, task)]; // the first began at 500
    gates[0]!.resolve(1);
    expect(await Promise.all([first, joined])).toEqual([1, 1]);
    await new Promise((r) => setTimeout(r, 0));
    gates[1]!.resolve(2);
    expect(await Promise.all(later)).toEqual([2, 2]);
    expect(runs).toBe(2);
  });

  it("keeps keys apart and forgets finished tasks, failed ones included", async () => {
    const c = new Coalescer<string>();
    expect(
      await Promise.all([c.run("a", 0, async () => "a"), c.run("b", 0, async () => "b")]),
    ).toEqual(["a", "b"]);
    expect(await c.run("a", Date.now() + 1, async () => "again")).toBe("again");
    await expect(
      c.run("a", Date.now() + 1, () => Promise.reject(new Error("boom"))),
    ).rejects.toThrow("boom");
    expect(await c.run("a", Date.now() + 1, async () => "after error")).toBe("after error");
  });
});
