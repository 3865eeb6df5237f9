import { apiUrlOf, checkEnvironment, checkSqliteStore } from "./environment.js";
import { checkLigdicash } from "./ligdicash.js";
import { pickLang, render, say, type Finding, type Text } from "./report.js";
import { checkShop } from "./shop.js";
import { checkSharedStore } from "./store.js";

export interface DoctorIo {
  argv: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  out: (text: string) => void;
}

export const USAGE = `Usage: ligdicash-kit doctor [shop URL] [--base-path /api/ligdicash] [--store URL] [--lang fr|en]

Checks the LigdiCash configuration in the environment (LIGDICASH_* variables), that LigdiCash (or
the emulator at LIGDICASH_API_URL) accepts the credentials, and, given the shop's URL, that the
kit's routes answer from outside. --store postgres://… or redis://… checks the shared store the
shop passes as storage. Exit code 1 when something needs fixing.

Also: ligdicash-kit payouts list|resolve (ligdicash-kit payouts --help).
`;

/**
 * `ligdicash-kit doctor [shop URL]`: every check, in French or English, each problem with its fix.
 * Resolves with the exit code: 0 all fine, 1 something to fix, 2 bad arguments.
 */
export async function runDoctor(io: DoctorIo): Promise<number> {
  const [command, ...rest] = io.argv;
  if (command === "--help" || command === "-h" || command === undefined) {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== "doctor") {
    io.out(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  let args: DoctorArgs;
  try {
    args = parseArgs(rest);
  } catch (error) {
    io.out(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const lang = pickLang(args.lang, io.env);
  const env = io.env;
  const sections: [Text, Finding[]][] = [];
  sections.push([
    say("Configuration (environment)", "Configuration (environnement)"),
    [
      ...checkEnvironment(env),
      args.store === undefined
        ? await checkSqliteStore(env, io.cwd)
        : await checkSharedStore(args.store),
    ],
  ]);
  const apiUrl = apiUrlOf(env);
  const credentials = {
    apiKey: env.LIGDICASH_API_KEY ?? "",
    authToken: env.LIGDICASH_AUTH_TOKEN ?? "",
  };
  sections.push([
    say(`LigdiCash (${apiUrl})`, `LigdiCash (${apiUrl})`),
    credentials.apiKey && credentials.authToken && URL.canParse(apiUrl)
      ? await checkLigdicash(apiUrl, credentials)
      : [],
  ]);
  if (args.shopUrl !== undefined) {
    sections.push([
      say(`The shop (${args.shopUrl})`, `La boutique (${args.shopUrl})`),
      await checkShop(args.shopUrl, args.basePath),
    ]);
  }
  io.out(render(sections, lang));
  return sections.some(([, findings]) => findings.some((f) => !f.ok)) ? 1 : 0;
}

interface DoctorArgs {
  shopUrl: string | undefined;
  store: string | undefined;
  basePath: string;
  lang: string | undefined;
}

function parseArgs(argv: string[]): DoctorArgs {
  const args: DoctorArgs = {
    shopUrl: undefined,
    store: undefined,
    basePath: "/api/ligdicash",
    lang: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value.`);
      return next;
    };
    if (arg === "--lang") args.lang = value();
    else if (arg === "--base-path") args.basePath = value().replace(/\/+$/, "");
    else if (arg === "--store") args.store = value();
    else if (arg.startsWith("-")) throw new Error(`Unknown option ${arg}.`);
    else if (args.shopUrl === undefined) {
      if (!/^https?:\/\//i.test(arg) || !URL.canParse(arg)) {
        throw new Error(`The shop URL must be an http(s) URL, got "${arg}".`);
      }
      args.shopUrl = arg;
    } else throw new Error(`Unexpected argument ${arg}.`);
  }
  return args;
}
