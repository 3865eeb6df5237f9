import * as v from "valibot";
import { LigdicashError } from "./errors.js";
import { namedHooks, type Hooks } from "./hooks.js";
import { lazyDefaultStore, type DefaultStore } from "./lazy-store.js";
import { safeLogger, type SafeLogger } from "./logger.js";
import type { LigdicashOptions } from "./options.js";
import type { PaymentStore } from "../storage/store.js";
import { PHONE_PLANS, type PayoutCountry } from "../payouts/phone-plan.js";

/** Options with every default applied, validated. */
export interface Config<Context = unknown> {
  hooks: Hooks<Context>;
  apiKey: string;
  authToken: string;
  apiUrl: string;
  publicUrl: string;
  /** Where shoppers come back to (return and cancel URLs); publicUrl unless the storefront is elsewhere. */
  storefrontUrl: string;
  basePath: string;
  returnPath: string;
  shop: { name: string; websiteUrl: string };
  storage: PaymentStore;
  log: SafeLogger;
  allowedOrigins: string[];
  timeouts: { createMs: number; confirmMs: number };
  recheckIntervalMs: number;
  shutdownTimeoutMs: number;
  reconcile: {
    intervalMs: number;
    firstCheckAfterMs: number;
    maxBackoffMs: number;
    giveUpAfterMs: number;
    hookLeaseMs: number;
    hookTimeoutMs: number;
  };
  payouts: {
    defaultCountry?: PayoutCountry | undefined;
    checkAfterMs: number;
    giveUpAfterMs: number;
  };
  fetch: typeof fetch | undefined;
}

/** How to set each option that may come from the environment, for messages that say how to fix it. */
const FIXES: Record<string, string> = {
  apiKey: "pass ligdicash({ apiKey }) or set LIGDICASH_API_KEY",
  authToken: "pass ligdicash({ authToken }) or set LIGDICASH_AUTH_TOKEN",
  apiUrl: "pass ligdicash({ apiUrl }) or set LIGDICASH_API_URL",
  publicUrl: "pass ligdicash({ publicUrl }) or set LIGDICASH_PUBLIC_URL",
  storefrontUrl:
    "pass ligdicash({ storefrontUrl }) or set LIGDICASH_STOREFRONT_URL; it defaults to publicUrl",
  "shop.name": "pass ligdicash({ shop: { name } }) or set LIGDICASH_SHOP_NAME",
  "shop.websiteUrl": "pass ligdicash({ shop: { websiteUrl } }); it defaults to publicUrl",
};

const Url = v.pipe(
  v.string("is missing"),
  v.trim(),
  v.nonEmpty("is missing"),
  v.url("must be an absolute URL"),
  v.regex(/^https?:\/\//i, "must be an http(s) URL"),
);
const Path = v.pipe(
  v.string(),
  v.regex(/^\/[\w\-./]*[^/]$/, 'must start with "/" and not end with "/"'),
);
const Duration = (max = Number.MAX_SAFE_INTEGER) =>
  v.pipe(
    v.number("must be a number of milliseconds"),
    v.integer("must be whole milliseconds"),
    v.minValue(0, "must be 0 or more"),
    v.maxValue(max, `must be at most ${max} ms`),
  );
const Hook = v.custom<(...args: never[]) => unknown>(
  (value) => typeof value === "function",
  "must be a function",
);

const Schema = v.object({
  getOrder: Hook,
  onPaid: Hook,
  onFailed: v.optional(Hook),
  onRefundNeeded: v.optional(Hook),
  onDuplicatePayment: v.optional(Hook),
  onPayoutPaid: v.optional(Hook),
  onPayoutFailed: v.optional(Hook),
  onRefunded: v.optional(Hook),
  apiKey: v.pipe(v.string("is missing"), v.trim(), v.minLength(1, "is missing")),
  authToken: v.pipe(v.string("is missing"), v.trim(), v.minLength(1, "is missing")),
  apiUrl: Url,
  publicUrl: Url,
  storefrontUrl: Url,
  basePath: Path,
  returnPath: Path,
  shop: v.object({
    name: v.pipe(v.string(), v.minLength(1, "is missing"), v.maxLength(100)),
    websiteUrl: Url,
  }),
  allowedOrigins: v.array(Url),
  timeouts: v.object({ createMs: Duration(10_000), confirmMs: Duration(5_000) }),
  recheckIntervalMs: Duration(),
  shutdownTimeoutMs: Duration(),
  reconcile: v.object({
    firstCheckAfterMs: Duration(),
    maxBackoffMs: Duration(),
    giveUpAfterMs: Duration(),
    intervalMs: Duration(),
    hookLeaseMs: v.pipe(Duration(), v.minValue(1_000, "must be at least 1000 ms")),
    hookTimeoutMs: v.pipe(Duration(), v.minValue(1, "must be at least 1 ms")),
  }),
  payouts: v.object({
    defaultCountry: v.optional(
      v.picklist(
        Object.keys(PHONE_PLANS) as PayoutCountry[],
        `must be one of ${Object.keys(PHONE_PLANS).join(", ")}`,
      ),
    ),
    checkAfterMs: v.pipe(Duration(), v.minValue(1, "must be at least 1 ms")),
    giveUpAfterMs: Duration(),
  }),
});

/**
 * Applies defaults and environment variables, validates, and throws one INVALID_OPTIONS error that
 * lists every problem with the option and variable to set. Secrets are never echoed. Without
 * `storage`, `defaultStore` makes the store (by default the SQLite file, opened on first use).
 */
export function resolveConfig<Context>(
  options: LigdicashOptions<Context>,
  env: Record<string, string | undefined> = process.env,
  defaultStore: DefaultStore = lazyDefaultStore,
): Config<Context> {
  // A variable set to "" (a blank line in .env) counts as not set.
  const fromEnv = (name: string) => env[name]?.trim() || undefined;
  const publicUrl = trimSlash(options.publicUrl ?? fromEnv("LIGDICASH_PUBLIC_URL"));
  const storefrontUrl = trimSlash(options.storefrontUrl ?? fromEnv("LIGDICASH_STOREFRONT_URL"));
  const input = {
    getOrder: options.getOrder,
    onPaid: options.onPaid,
    onFailed: options.onFailed,
    onRefundNeeded: options.onRefundNeeded,
    onDuplicatePayment: options.onDuplicatePayment,
    onPayoutPaid: options.onPayoutPaid,
    onPayoutFailed: options.onPayoutFailed,
    onRefunded: options.onRefunded,
    apiKey: options.apiKey ?? fromEnv("LIGDICASH_API_KEY"),
    authToken: options.authToken ?? fromEnv("LIGDICASH_AUTH_TOKEN"),
    apiUrl: trimSlash(
      options.apiUrl ?? fromEnv("LIGDICASH_API_URL") ?? "https://app.ligdicash.com",
    ),
    publicUrl,
    storefrontUrl: storefrontUrl ?? publicUrl,
    basePath: options.basePath ?? "/api/ligdicash",
    returnPath: options.returnPath ?? "/payment/return",
    shop: {
      name: options.shop?.name ?? fromEnv("LIGDICASH_SHOP_NAME") ?? "Shop",
      websiteUrl: options.shop?.websiteUrl ?? publicUrl,
    },
    allowedOrigins: options.allowedOrigins ?? [],
    timeouts: {
      createMs: options.timeouts?.createMs ?? 10_000,
      confirmMs: options.timeouts?.confirmMs ?? 5_000,
    },
    recheckIntervalMs: options.recheckIntervalMs ?? 3_000,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 20_000,
    reconcile: {
      firstCheckAfterMs: options.reconcile?.firstCheckAfterMs ?? 120_000,
      maxBackoffMs: options.reconcile?.maxBackoffMs ?? 3_600_000,
      giveUpAfterMs: options.reconcile?.giveUpAfterMs ?? 7 * 24 * 3_600_000,
      intervalMs: options.reconcile?.intervalMs ?? 60_000,
      hookLeaseMs: options.reconcile?.hookLeaseMs ?? 60_000,
      hookTimeoutMs: options.reconcile?.hookTimeoutMs ?? 5 * 60_000,
    },
    payouts: {
      defaultCountry: options.payouts?.defaultCountry,
      checkAfterMs: options.payouts?.checkAfterMs ?? 30_000,
      giveUpAfterMs: options.payouts?.giveUpAfterMs ?? 7 * 24 * 3_600_000,
    },
  };
  // One problem per option: "is missing" says it all, without "must be a URL" after it.
  const result = v.safeParse(Schema, input, { abortPipeEarly: true });
  if (!result.success) {
    const paths = result.issues.map((issue) => v.getDotPath(issue) ?? "options");
    const lines = result.issues.flatMap((issue, index) => {
      const path = paths[index]!;
      // Values that default to publicUrl are wrong because publicUrl is: its own line says so.
      const derived =
        (path === "storefrontUrl" && storefrontUrl === undefined) ||
        (path === "shop.websiteUrl" && options.shop?.websiteUrl === undefined);
      if (derived && paths.includes("publicUrl")) return [];
      const fix = FIXES[path] ?? FIXES[path.split(".")[0]!];
      return [`  - ${path} ${issue.message}${fix ? ` (${fix})` : ""}`];
    });
    throw new LigdicashError("INVALID_OPTIONS", `ligdicash: invalid options:\n${lines.join("\n")}`);
  }
  const config = result.output;
  const log = safeLogger(options.logger, [config.apiKey, config.authToken]);
  return {
    ...config,
    hooks: namedHooks(options),
    allowedOrigins: [
      ...new Set(
        [config.publicUrl, config.storefrontUrl, ...config.allowedOrigins].map(
          (url) => new URL(url).origin,
        ),
      ),
    ],
    storage: options.storage ?? defaultStore(env, log),
    log,
    fetch: options.fetch,
  };
}

function trimSlash(url: string | undefined): string | undefined {
  return url?.trim().replace(/\/+$/, "");
}
