import { parseArgs } from "node:util";
import { OPERATORS } from "../operators.js";
import type { EmulatorOptions } from "../types.js";

export const DEFAULT_CLI_PORT = 4010;

export const USAGE = `Usage: ligdicash-emulator [options]

A local LigdiCash for development and tests: hosted checkout API, payment page, payouts, callbacks.

Options:
  -p, --port <n>          port to listen on (default 4010, env LIGDICASH_EMULATOR_PORT)
      --host <addr>       interface to bind (default 127.0.0.1: this machine only)
      --api-key <key>     Apikey the shop must send (default emulator-api-key, env LIGDICASH_API_KEY)
      --auth-token <t>    Bearer token the shop must send (default emulator-auth-token, env LIGDICASH_AUTH_TOKEN)
      --public-url <url>  origin of payment page links, e.g. when behind a proxy (default the listen URL)
      --payout-delay <ms> mobile-money payouts complete after this delay (default 2000; "never" keeps them pending)
      --balance <XOF>     open every operator's sub-account with this balance (default none: payins fund them)
  -h, --help              show this help
`;

export type CliCommand = { kind: "help" } | { kind: "start"; options: EmulatorOptions };

/** Reads the command line, with environment fallbacks; throws a TypeError with a usable message. */
export function parseCli(argv: string[], env: Record<string, string | undefined>): CliCommand {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string", short: "p" },
      host: { type: "string" },
      "api-key": { type: "string" },
      "auth-token": { type: "string" },
      "public-url": { type: "string" },
      "payout-delay": { type: "string" },
      balance: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return { kind: "help" };
  const portText = values.port ?? env.LIGDICASH_EMULATOR_PORT;
  const port = portText === undefined || portText === "" ? DEFAULT_CLI_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError(`--port must be a number from 0 to 65535, got "${portText}"`);
  }
  const options: EmulatorOptions = { port };
  const apiKey = values["api-key"] ?? (env.LIGDICASH_API_KEY || undefined);
  const authToken = values["auth-token"] ?? (env.LIGDICASH_AUTH_TOKEN || undefined);
  if (values.host !== undefined) options.host = values.host;
  if (apiKey !== undefined) options.apiKey = apiKey;
  if (authToken !== undefined) options.authToken = authToken;
  if (values["public-url"] !== undefined) options.publicUrl = values["public-url"];
  const delay = values["payout-delay"];
  if (delay !== undefined) {
    options.payoutDelayMs = delay === "never" ? null : wholeNumber(delay, "--payout-delay");
  }
  if (values.balance !== undefined) {
    const amount = wholeNumber(values.balance, "--balance");
    options.balances = Object.fromEntries(OPERATORS.map((operator) => [operator.id, amount]));
  }
  return { kind: "start", options };
}

function wholeNumber(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`${flag} must be a whole number >= 0, got "${text}"`);
  }
  return value;
}
