import { createServer, type RequestListener } from "node:http";
import {
  checkLivePublicUrl,
  configFromEnv,
  usesRealKeys,
  type ServerConfig,
  type ShopConfig,
} from "./config.js";
import { listen } from "./listen.js";
import { lineLogger } from "./log.js";
import type { Shop } from "./shop.js";

/** What each example builds from a config: its request handler, its shop, how to close it. */
export interface ShopApp {
  handler: RequestListener;
  shop: Shop;
  close(): Promise<void>;
}

/** A shop listening on a port. */
export interface RunningShop<App extends ShopApp = ShopApp> {
  /** Where it listens, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The origin given to LigdiCash for return and callback URLs. */
  publicUrl: string;
  app: App;
  /** Stops listening, the reconciler and the databases. */
  close(): Promise<void>;
}

/**
 * Listens first, so that port 0 works and the public URL can default to the real port, then
 * builds the app with that URL (the kit starts its reconciler). With real keys there is no such
 * default: LigdiCash could not reach `http://localhost`, so a public https URL is required.
 */
export async function runShop<App extends ShopApp>(
  config: ServerConfig,
  create: (config: ShopConfig) => App,
): Promise<RunningShop<App>> {
  if (usesRealKeys(config)) checkLivePublicUrl(config.publicUrl);
  let handler: RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = createServer((req, res) => handler(req, res));
  const running = await listen(server, config.port, config.host);
  const publicUrl = config.publicUrl ?? running.url;
  let app: App;
  try {
    app = create({ ...config, publicUrl });
  } catch (error) {
    await running.close();
    throw error;
  }
  handler = app.handler;
  return {
    url: running.url,
    publicUrl,
    app,
    close: async () => {
      await running.close();
      await app.close();
    },
  };
}

/**
 * The `npm start` of an example shop: configuration from the environment, one line to say where
 * it is, clean shutdown on Ctrl-C.
 */
export async function serveFromEnv(
  framework: string,
  start: (config: ServerConfig) => Promise<RunningShop>,
): Promise<void> {
  const logger = lineLogger();
  let shop: RunningShop;
  try {
    shop = await start({ ...configFromEnv(), logger });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint = code === "EADDRINUSE" ? " (the port is taken: set PORT to another one)" : "";
    process.stderr.write(`Cannot start the shop: ${(error as Error).message}${hint}\n`);
    process.exitCode = 1;
    return;
  }
  const apiUrl = shop.app.shop.config.apiUrl ?? "https://app.ligdicash.com";
  process.stdout.write(`Shop (${framework}) open on ${shop.url}\nLigdiCash API: ${apiUrl}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1); // a second Ctrl-C does not wait
    stopping = true;
    void shop.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
