import { resolveRetry, type RetryPolicy } from "./callbacks/backoff.js";
import type { EmulatorOptions } from "./types.js";

export const DEFAULT_API_KEY = "emulator-api-key";
export const DEFAULT_AUTH_TOKEN = "emulator-auth-token";
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PAYOUT_DELAY_MS = 2000;

export interface ResolvedOptions {
  port: number;
  host: string;
  apiKey: string;
  authToken: string;
  publicUrl: string | undefined;
  retry: RetryPolicy;
  log: (line: string) => void;
  payoutDelayMs: number | null;
  balances: Record<string, number>;
}

/** Fills in defaults and rejects bad options with a message that says what to fix. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError(`port must be an integer from 0 to 65535, got ${String(options.port)}`);
  }
  const host = nonEmpty(options.host, DEFAULT_HOST, "host");
  const apiKey = nonEmpty(options.apiKey, DEFAULT_API_KEY, "apiKey");
  const authToken = nonEmpty(options.authToken, DEFAULT_AUTH_TOKEN, "authToken");
  if (options.log !== undefined && typeof options.log !== "function") {
    throw new TypeError("log must be a function (line: string) => void");
  }
  return {
    port,
    host,
    apiKey,
    authToken,
    publicUrl: options.publicUrl === undefined ? undefined : origin(options.publicUrl),
    retry: resolveRetry(options.callbackRetry),
    log: options.log ?? (() => {}),
    payoutDelayMs: payoutDelay(options.payoutDelayMs),
    balances: startBalances(options.balances),
  };
}

function payoutDelay(value: number | null | undefined): number | null {
  if (value === undefined) return DEFAULT_PAYOUT_DELAY_MS;
  if (value === null) return null;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`payoutDelayMs must be a number >= 0 or null, got ${String(value)}`);
  }
  return value;
}

function startBalances(value: Record<string, number> | undefined): Record<string, number> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError('balances must be an object such as { "11": 100000 }');
  }
  return { ...value };
}

/** The host part of a URL for an address: wildcards become loopback, IPv6 gets brackets. */
export function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

function nonEmpty(value: string | undefined, fallback: string, name: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || value.trim() === "")
    throw new TypeError(`${name} must be a non-empty string`);
  return value;
}

function origin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(
      `publicUrl must be an absolute URL such as http://localhost:4010, got "${value}"`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`publicUrl must use http or https, got "${value}"`);
  }
  return url.href.replace(/\/+$/, "");
}
