import { randomBytes, randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PostgresPaymentStore } from "../../src/storage/postgres.js";
import { RedisPaymentStore } from "../../src/storage/redis.js";
import { dropRedisKeys, PG_URL, REDIS_URL } from "../services.js";
import { Rotation, startBalancer } from "./balancer.js";
import { check, type Figures } from "./checks.js";
import type { StormSize } from "./plan.js";
import { Children } from "./processes.js";
import { summarizeLogs } from "./report.js";
import type { Kill } from "./runs.js";
import { playStorm } from "./scenario.js";

export interface StormOptions {
  store: "postgres" | "redis";
  size: StormSize;
  /** The whole storm, start-up and checks included, or it fails (every process killed). */
  timeoutMs: number;
  seed?: number;
}

export interface StormResult {
  store: StormOptions["store"];
  size: StormSize;
  seed: number;
  failures: string[];
  figures: Figures;
  /** What the instances logged at warn and error level, counted by message. */
  logs: Map<string, number>;
  /** The instances' hook records and logs; kept when the storm failed. */
  dir: string;
  kill: Kill | null;
  /** Seconds spent in each step of the storm. */
  phases: Record<string, number>;
}

/**
 * Real processes on one shared store: `size.instances` shop instances, one emulator, a balancer
 * for LigdiCash's callbacks. Pays every order, sends the duplicates and polls, SIGKILLs the
 * instance running the first slow onPaid and starts it again, waits until every order is
 * fulfilled, stops everything and checks what happened.
 */
export async function runStorm(options: StormOptions): Promise<StormResult> {
  const seed = options.seed ?? randomInt(2 ** 31);
  const run = randomBytes(4).toString("hex");
  const dir = mkdtempSync(join(tmpdir(), "ligdicash-storm-"));
  const children = new Children(dir);
  const prefix =
    options.store === "postgres" ? `ligdicash_storm_${run}` : `{ligdicash-storm-${run}}:`;
  const store =
    options.store === "postgres"
      ? new PostgresPaymentStore({ connectionString: PG_URL, tablePrefix: prefix })
      : new RedisPaymentStore({ url: REDIS_URL, keyPrefix: prefix });
  const rotation = new Rotation();
  const balancer = await startBalancer(rotation);
  const stop = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let failed = true;
  try {
    const storm = playStorm({
      ...options,
      kind: options.store,
      ...{ seed, run, dir, prefix, children, store, rotation, publicUrl: balancer.url },
      signal: stop.signal,
    });
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        stop.abort();
        children.killAll();
        reject(new Error(`the storm did not finish within ${options.timeoutMs} ms (seed ${seed})`));
      }, options.timeoutMs);
    });
    storm.catch(() => undefined); // after a timeout, its own failure is no news
    const outcome = await Promise.race([storm, deadline]);
    const { failures, figures } = check({ ...outcome, relayed: balancer.relayed });
    failed = failures.length > 0;
    return {
      store: options.store,
      size: options.size,
      seed,
      failures,
      figures,
      logs: summarizeLogs(dir),
      dir,
      kill: outcome.kill,
      phases: outcome.phases,
    };
  } finally {
    clearTimeout(timer);
    stop.abort();
    children.dispose();
    await balancer.close();
    if (store instanceof PostgresPaymentStore) await store.dropTables();
    await store.close();
    if (options.store === "redis") await dropRedisKeys(prefix);
    if (!failed) rmSync(dir, { recursive: true, force: true });
  }
}
