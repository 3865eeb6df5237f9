/** What the storm sends, decided up front from a seed so that a failing run can be replayed. */

export interface StormSize {
  orders: number;
  instances: number;
  /** Callbacks per order on top of LigdiCash's own pair, posted by the storm to any instance. */
  duplicates: number;
  /** Status polls per order, to any instance. */
  polls: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** One order in this many, among those paid in the second half, has a slow onPaid. */
  slowEvery: number;
}

export interface StormOrder {
  orderId: string;
  amount: number;
  slow: boolean;
}

export type Task =
  | { kind: "settle"; order: number }
  | { kind: "callback"; order: number; encoding: "json" | "form" }
  | { kind: "poll"; order: number };

export interface Plan {
  orders: StormOrder[];
  /** Every order is settled once; its duplicates and polls come after, mixed with other orders'. */
  tasks: Task[];
}

/** mulberry32: a small seeded generator, good enough to shuffle a workload. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Orders are settled in order 0, 1, 2…; the slow ones are in the second half, so that the kill
 * (at the first slow onPaid) falls in the middle of the storm. Settles are spread evenly; between
 * them, duplicates and polls are drawn at random among those of the orders settled so far.
 */
export function makePlan(run: string, size: StormSize, seed: number): Plan {
  const next = random(seed);
  const half = Math.floor(size.orders / 2);
  const orders = Array.from({ length: size.orders }, (_, n) => {
    const slow = n >= half && (n - half) % size.slowEvery === 0;
    return { orderId: `storm-${run}-${n}${slow ? "-slow" : ""}`, amount: 1_000 + n, slow };
  });
  const tasks: Task[] = [];
  const ready: Task[] = [];
  let settled = 0;
  const spacing = 1 + size.duplicates + size.polls;
  while (settled < size.orders || ready.length > 0) {
    if (settled < size.orders && (ready.length === 0 || tasks.length >= settled * spacing)) {
      tasks.push({ kind: "settle", order: settled });
      for (let i = 0; i < size.duplicates; i++) {
        ready.push({ kind: "callback", order: settled, encoding: i % 2 ? "form" : "json" });
      }
      for (let i = 0; i < size.polls; i++) ready.push({ kind: "poll", order: settled });
      settled += 1;
    } else {
      const pick = Math.floor(next() * ready.length);
      tasks.push(ready[pick]!);
      ready[pick] = ready[ready.length - 1]!;
      ready.pop();
    }
  }
  return { orders, tasks };
}
