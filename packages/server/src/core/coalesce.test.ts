import { describe, expect, it } from "vitest";
import { Coalescer } from "./coalesce.js";

function deferred() {
  let resolve!: (value: number) => void;
  const promise = new Promise<number>((r) => (resolve = r));
  return { promise, resolve };
}

describe("Coalescer", () => {
  it("shares a running task with callers that accept its start time", async () => {
    const c = new Coalescer<number>();
    const gate = deferred();
    let runs = 0;
    const task = () => ((runs += 1), gate.promise);
    const all = [c.run("k", 0, task, 100), c.run("k", 50, task, 110), c.run("k", 100, task, 120)];
    gate.resolve(7);
    expect(await Promise.all(all)).toEqual([7, 7, 7]);
    expect(runs).toBe(1);
  });

  it("queues one fresh task for callers that need a newer result, shared among them", async () => {
    const c = new Coalescer<number>();
    const gates = [deferred(), deferred()];
    let runs = 0;
    const task = () => gates[runs++]!.promise;
    const first = c.run("k", 0, task, 100);
    const later = [c.run("k", 101, task, 101), c.run("k", 102, task, 102)];
    gates[0]!.resolve(1);
    expect(await first).toBe(1);
    await Promise.resolve();
    gates[1]!.resolve(2);
    expect(await Promise.all(later)).toEqual([2, 2]);
    expect(runs).toBe(2);
  });

  it("keeps keys apart and forgets finished tasks", async () => {
    const c = new Coalescer<string>();
    expect(
      await Promise.all([c.run("a", 0, async () => "a", 1), c.run("b", 0, async () => "b", 1)]),
    ).toEqual(["a", "b"]);
    expect(await c.run("a", 0, async () => "again", 2)).toBe("again");
    await expect(c.run("a", 0, () => Promise.reject(new Error("boom")), 3)).rejects.toThrow("boom");
    expect(await c.run("a", 0, async () => "after error", 4)).toBe("after error");
  });
});
