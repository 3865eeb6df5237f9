import type { ServerConfig } from "@ligdicash-kit/example-shop-common";

/** The Next.js shop, running in its own process. */
export interface RunningNextShop {
  /** Where it listens, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The origin given to LigdiCash for return and callback URLs. */
  publicUrl: string;
  /** Stops the process. */
  close(): Promise<void>;
}

/** Starts the built Next.js shop with `config` (as environment variables) and waits until it answers. */
export function startStore(config: ServerConfig): Promise<RunningNextShop>;

/** The environment variables the shop reads for `config`. */
export function shopEnv(config: ServerConfig, port: number): Record<string, string>;
