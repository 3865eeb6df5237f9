import { runShop, type RunningShop, type ServerConfig } from "@ligdicash-kit/example-shop-common";
import { createApp, type KoaShop } from "./app.js";

/**
 * Starts the Koa shop on `config.port` (0: a free port) with its reconciler running.
 *
 * @example
 * const shop = await startStore({ ...configFromEnv(), port: 0, host: "127.0.0.1" });
 * console.log(shop.url);
 * await shop.close();
 */
export function startStore(config: ServerConfig): Promise<RunningShop<KoaShop>> {
  return runShop(config, createApp);
}
