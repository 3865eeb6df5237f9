import type { LigdicashOptions, Logger, PaymentStore } from "@ligdicash-kit/server";
import { locateStorefront } from "./storefront.js";

/** The emulator's default credentials (see @ligdicash-kit/emulator): fine to write down, worthless elsewhere. */
export const EMULATOR_API_KEY = "emulator-api-key";
export const EMULATOR_AUTH_TOKEN = "emulator-auth-token";
export const EMULATOR_URL = "http://localhost:4010";

/** Everything a shop needs; `configFromEnv` fills it from environment variables. */
export interface ShopConfig {
  /** The shop's origin as browsers and LigdiCash reach it: return and callback URLs start here. */
  publicUrl: string;
  /** LigdiCash or the emulator; undefined means LigdiCash itself. */
  apiUrl: string | undefined;
  apiKey: string;
  authToken: string;
  /** Shown on the payment page. */
  shopName: string;
  /** SQLite file of the shop's orders (or ":memory:"). */
  ordersDb: string;
  /** SQLite file of the kit's payments; ignored when `ligdicash.storage` is given. */
  paymentsDb: string;
  /** Folder of the built storefront, or null to serve the API only. */
  storefrontDir: string | null;
  /** How often the kit's background reconciler runs (re-checks payments no callback settled). */
  reconcileIntervalMs: number;
  /** Where the shop and the kit write what happens; default quiet. */
  logger?: Logger | undefined;
  /** Any other option of `ligdicash()` (a store, reconciler timings…). */
  ligdicash?: Omit<Partial<LigdicashOptions>, "getOrder" | "onPaid"> & {
    storage?: PaymentStore | undefined;
  };
}

/** A shop config plus where to listen. */
export interface ServerConfig extends Omit<ShopConfig, "publicUrl"> {
  /** Default: `http://localhost:<port>` once listening (so port 0 works). */
  publicUrl?: string | undefined;
  port: number;
  /** Interface to bind; undefined means every interface. */
  host: string | undefined;
}

/**
 * Reads the configuration from environment variables, with defaults that run against the local
 * emulator. Real LigdiCash keys (LIGDICASH_API_KEY) switch the default API URL to LigdiCash itself,
 * so that real keys never go to the emulator and emulator keys never go to LigdiCash.
 */
export function configFromEnv(env: Record<string, string | undefined> = process.env): ServerConfig {
  const value = (name: string) => env[name]?.trim() || undefined;
  const port = parsePort(value("PORT") ?? "3000");
  const realKeys = value("LIGDICASH_API_KEY") !== undefined;
  const authToken = value("LIGDICASH_AUTH_TOKEN");
  if (realKeys && authToken === undefined) {
    throw new Error("LIGDICASH_API_KEY is set but LIGDICASH_AUTH_TOKEN is not: set both.");
  }
  return {
    port,
    host: value("HOST"),
    publicUrl: value("LIGDICASH_PUBLIC_URL")?.replace(/\/+$/, ""),
    apiUrl: value("LIGDICASH_API_URL") ?? (realKeys ? undefined : EMULATOR_URL),
    apiKey: value("LIGDICASH_API_KEY") ?? EMULATOR_API_KEY,
    authToken: authToken ?? EMULATOR_AUTH_TOKEN,
    shopName: value("LIGDICASH_SHOP_NAME") ?? "Faso Artisans",
    ordersDb: value("SHOP_DB") ?? ".data/orders.db",
    paymentsDb: value("LIGDICASH_DB") ?? ".ligdicash/payments.db",
    storefrontDir: value("STOREFRONT_DIR") ?? locateStorefront(),
    reconcileIntervalMs: parseDuration(value("RECONCILE_INTERVAL_MS") ?? "30000"),
  };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a number from 0 to 65535, got "${text}".`);
  }
  return port;
}

function parseDuration(text: string): number {
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 1_000) {
    throw new Error(
      `RECONCILE_INTERVAL_MS must be whole milliseconds, at least 1000, got "${text}".`,
    );
  }
  return ms;
}
