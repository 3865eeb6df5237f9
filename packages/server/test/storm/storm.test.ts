import { describe, expect, it } from "vitest";
import { PG_URL, REDIS_URL, serviceAvailable } from "../services.js";
import type { StormSize } from "./plan.js";
import { formatReport } from "./report.js";
import { runStorm } from "./storm.js";

// The short storm runs with the package's tests; `npm run test:storm` runs the full one.
const full = process.env.LIGDICASH_STORM === "full";
const size: StormSize = full
  ? { orders: 200, instances: 4, duplicates: 50, polls: 20, concurrency: 32, slowEvery: 10 }
  : { orders: 20, instances: 2, duplicates: 6, polls: 4, concurrency: 12, slowEvery: 5 };
const timeoutMs = full ? 480_000 : 90_000;
const seed = process.env.LIGDICASH_STORM_SEED
  ? Number(process.env.LIGDICASH_STORM_SEED)
  : undefined;

const stores = [
  ["PostgreSQL", "postgres", await serviceAvailable(PG_URL)],
  ["Redis", "redis", await serviceAvailable(REDIS_URL)],
] as const;

describe.each(stores.filter(([, , available]) => available))(
  "a storm of real processes on one %s",
  (_name, store) => {
    it(
      `${size.instances} instances, ${size.orders} orders, one instance SIGKILLed mid-onPaid: every order fulfilled once, no 5xx`,
      async () => {
        const result = await runStorm({ store, size, timeoutMs, seed });
        process.stdout.write(`\n${formatReport(result)}`);
        expect(result.failures).toEqual([]);
        expect(result.figures.fulfilments).toBe(size.orders);
        expect(result.figures.fiveXX).toBe(0);
      },
      timeoutMs + 30_000,
    );
  },
);
