import { createResolver } from "../core/payouts/resolve.js";
import { info } from "../core/payouts/context.js";
import { LigdicashError } from "../core/errors.js";
import { safeLogger } from "../core/logger.js";
import { pickLang, say, type Lang } from "../doctor/report.js";
import { PAYOUT_STATUSES, type PayoutInfo, type PayoutStatus } from "../model/payout.js";
import { isPayoutStore } from "../storage/store.js";
import { openStore, type StoreChoice } from "./open-store.js";

export interface CommandIo {
  argv: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  out: (text: string) => void;
}

export const PAYOUTS_USAGE = `Usage: ligdicash-kit payouts list [--status unknown] [--limit 50] [--json] [--store URL] [--prefix P]
       ligdicash-kit payouts resolve <payout id> paid|failed [--store URL] [--prefix P]

Reads the shop's own store: the default SQLite file (LIGDICASH_DB, else .ligdicash/payments.db in
the shop's folder), or --store with the postgres://, redis:// URL or SQLite file the shop passes as
storage (--prefix: its tablePrefix or keyPrefix, if it sets one).

list     the payouts and refunds, newest first, with their status; "unknown" ones need a person.
resolve  a person's word on an unknown (or sent and never settled) payout, after checking it in
         the LigdiCash dashboard: paid, or failed (a failed refund gives its amount back to the
         order). The shop's onPayoutPaid / onPayoutFailed / onRefunded then run once, on its next
         reconciler pass, in the shop's process.
`;

/**
 * `ligdicash-kit payouts list|resolve`: for shops without an admin page. Resolves with the exit
 * code: 0 done, 1 refused or failed (the reason printed), 2 bad arguments.
 */
export async function runPayoutsCommand(io: CommandIo): Promise<number> {
  let args: PayoutsArgs;
  try {
    args = parseArgs(io.argv);
  } catch (error) {
    io.out(`${(error as Error).message}\n\n${PAYOUTS_USAGE}`);
    return 2;
  }
  if (args.action === "help") {
    io.out(PAYOUTS_USAGE);
    return 0;
  }
  const lang = pickLang(undefined, io.env);
  let opened;
  try {
    opened = await openStore(args, io.env, io.cwd);
  } catch (error) {
    io.out(`${describe(error)}\n`);
    return 1;
  }
  const { store, where } = opened;
  try {
    if (!isPayoutStore(store)) throw new LigdicashError("INVALID_OPTIONS", "No payouts here.");
    if (args.action === "list") {
      const payouts = (await store.listPayouts({ status: args.status, limit: args.limit })).map(
        info,
      );
      io.out(args.json ? `${JSON.stringify(payouts, null, 2)}\n` : table(payouts, where, lang));
      return 0;
    }
    // A person's word, written by compare-and-set as any settlement is. The hooks are the shop's
    // code: they are left due, and the shop's reconciler runs them, once, in its own process.
    const resolve = createResolver(
      { store, log: safeLogger(false, []), now: Date.now },
      () => undefined,
    );
    const before = await store.getPayout(args.id);
    const after = await resolve(args.id, args.outcome);
    const was = before?.status ?? after.status;
    io.out(
      `${
        was === after.status
          ? say(
              `Payout ${after.id} was ${after.status} already: nothing changed.`,
              `Le paiement sortant ${after.id} était déjà ${after.status} : rien n'a changé.`,
            )[lang]
          : say(
              `Payout ${after.id} is ${after.status} now (it was ${was}). The shop's hooks run on its next reconciler pass.`,
              `Le paiement sortant ${after.id} est ${after.status} (il était ${was}). Les hooks de la boutique s'exécutent à sa prochaine réconciliation.`,
            )[lang]
      }\n`,
    );
    return 0;
  } catch (error) {
    io.out(`${describe(error)}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

type PayoutsArgs =
  | { action: "help" }
  | (StoreChoice &
      (
        | { action: "list"; status: PayoutStatus | undefined; limit: number; json: boolean }
        | { action: "resolve"; id: string; outcome: "paid" | "failed" }
      ));

function parseArgs(argv: string[]): PayoutsArgs {
  const [action, ...rest] = argv;
  if (action === undefined || action === "--help" || action === "-h") return { action: "help" };
  if (action !== "list" && action !== "resolve") {
    throw new Error(`Unknown payouts command "${action}": list or resolve.`);
  }
  const choice: StoreChoice = { store: undefined, prefix: undefined };
  let status: PayoutStatus | undefined;
  let limit = 50;
  let json = false;
  const words: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const value = () => {
      const next = rest[++i];
      if (next === undefined) throw new Error(`${arg} needs a value.`);
      return next;
    };
    if (arg === "--store") choice.store = value();
    else if (arg === "--prefix") choice.prefix = value();
    else if (arg === "--json" && action === "list") json = true;
    else if (arg === "--status" && action === "list") {
      const wanted = value();
      if (!(PAYOUT_STATUSES as readonly string[]).includes(wanted)) {
        throw new Error(`--status must be one of ${PAYOUT_STATUSES.join(", ")}, got "${wanted}".`);
      }
      status = wanted as PayoutStatus;
    } else if (arg === "--limit" && action === "list") {
      limit = Number(value());
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        throw new Error("--limit must be a whole number from 1 to 1000.");
      }
    } else if (arg.startsWith("-")) throw new Error(`Unknown option ${arg}.`);
    else words.push(arg);
  }
  if (action === "list") {
    if (words.length > 0) throw new Error(`Unexpected argument ${words[0]}.`);
    return { action, ...choice, status, limit, json };
  }
  const [id, outcome, extra] = words;
  if (id === undefined || (outcome !== "paid" && outcome !== "failed") || extra !== undefined) {
    throw new Error('resolve takes a payout id, then "paid" or "failed".');
  }
  return { action, ...choice, id, outcome };
}

/** The payouts as columns, the ones that need a person marked. */
function table(payouts: PayoutInfo[], where: string, lang: Lang): string {
  if (payouts.length === 0) {
    return `${say(`No payouts in ${where}.`, `Aucun paiement sortant dans ${where}.`)[lang]}\n`;
  }
  const rows = payouts.map((p) => [
    p.id,
    p.status + (p.needsReview || p.status === "unknown" ? " (!)" : ""),
    String(p.amount),
    p.method,
    p.to,
    p.orderId ?? "",
    p.createdAt.toISOString().slice(0, 16).replace("T", " "),
    p.error?.code ?? "",
  ]);
  const head = ["id", "status", "amount", "method", "to", "order", "created (UTC)", "error"];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join("  ")
      .trimEnd();
  const lines = [
    say(`Payouts in ${where}, newest first:`, `Paiements sortants dans ${where}, du plus récent :`)[
      lang
    ],
    line(head),
    ...rows.map(line),
  ];
  if (rows.some((r) => r[1]!.endsWith("(!)"))) {
    lines.push(
      say(
        "(!) needs a person: check it in the LigdiCash dashboard, then `ligdicash-kit payouts resolve <id> paid|failed`.",
        "(!) demande une personne : vérifiez-le dans le tableau de bord LigdiCash, puis `ligdicash-kit payouts resolve <id> paid|failed`.",
      )[lang],
    );
  }
  return `${lines.join("\n")}\n`;
}

function describe(error: unknown): string {
  if (error instanceof LigdicashError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
