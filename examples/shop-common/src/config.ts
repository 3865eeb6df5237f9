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
  /** The admin's password (`/admin`); without one the admin is off. */
  adminPassword?: string | undefined;
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
 * emulator. Real LigdiCash credentials (LIGDICASH_API_KEY or LIGDICASH_AUTH_TOKEN set to anything
 * but the emulator's; then both are required) switch the default API URL to LigdiCash itself, so
 * that real keys never go to the emulator and emulator keys never go to LigdiCash. They also
 * require LIGDICASH_PUBLIC_URL: an https origin LigdiCash can reach.
 */
export function configFromEnv(env: Record<string, string | undefined> = process.env): ServerConfig {
  const value = (name: string) => env[name]?.trim() || undefined;
  const port = parsePort(value("PORT") ?? "3000");
  const apiKey = value("LIGDICASH_API_KEY");
  const authToken = value("LIGDICASH_AUTH_TOKEN");
  const credentials = {
    apiKey: apiKey ?? EMULATOR_API_KEY,
    authToken: authToken ?? EMULATOR_AUTH_TOKEN,
  };
  // Either one alone is already a real secret: filling the other in from the emulator's defaults
  // would send it, in clear, to http://localhost:4010.
  const realKeys = usesRealKeys(credentials);
  if (realKeys && (apiKey === undefined || authToken === undefined)) {
    const [set, unset] =
      apiKey !== undefined
        ? ["LIGDICASH_API_KEY", "LIGDICASH_AUTH_TOKEN"]
        : ["LIGDICASH_AUTH_TOKEN", "LIGDICASH_API_KEY"];
    throw new Error(`${set} is set but ${unset} is not: set both.`);
  }
  const publicUrl = value("LIGDICASH_PUBLIC_URL")?.replace(/\/+$/, "");
  if (realKeys) checkLivePublicUrl(publicUrl);
  return {
    port,
    host: value("HOST"),
    publicUrl,
    apiUrl: value("LIGDICASH_API_URL") ?? (realKeys ? undefined : EMULATOR_URL),
    ...credentials,
    shopName: value("LIGDICASH_SHOP_NAME") ?? "Faso Artisans",
    ordersDb: value("SHOP_DB") ?? ".data/orders.db",
    paymentsDb: value("LIGDICASH_DB") ?? ".ligdicash/payments.db",
    storefrontDir: value("STOREFRONT_DIR") ?? locateStorefront(),
    reconcileIntervalMs: parseDuration(value("RECONCILE_INTERVAL_MS") ?? "30000"),
    adminPassword: adminPassword(value("ADMIN_PASSWORD")),
  };
}

/** True unless the credentials are the emulator's own. */
export function usesRealKeys(config: Pick<ShopConfig, "apiKey" | "authToken">): boolean {
  return config.apiKey !== EMULATOR_API_KEY || config.authToken !== EMULATOR_AUTH_TOKEN;
}

/**
 * Throws unless `publicUrl` is an https origin LigdiCash can reach: its callbacks go there, and
 * shoppers come back to it from LigdiCash's payment page.
 */
export function checkLivePublicUrl(publicUrl: string | undefined): void {
  const name = "LIGDICASH_PUBLIC_URL";
  if (publicUrl === undefined) {
    throw new Error(
      `${name} is required with real LigdiCash keys: set it to the shop's public https origin, e.g. https://boutique.example.`,
    );
  }
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new Error(`${name} must be an https URL, got "${publicUrl}".`);
  }
  if (url.protocol !== "https:") {
    throw new Error(
      `${name} must start with https:// with real LigdiCash keys, got "${publicUrl}".`,
    );
  }
  if (isLoopback(url.hostname)) {
    throw new Error(
      `${name} must be a host LigdiCash can reach from the internet, not "${url.hostname}".`,
    );
  }
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/\.$/, "").toLowerCase();
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    /^127\./.test(host) ||
    host === "0.0.0.0" ||
    host === "[::1]" ||
    host === "[::]"
  );
}

function adminPassword(text: string | undefined): string | undefined {
  if (text !== undefined && text.length < 8) {
    throw new Error("ADMIN_PASSWORD must be at least 8 characters long.");
  }
  return text;
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
