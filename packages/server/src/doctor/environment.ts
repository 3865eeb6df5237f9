import { accessSync, constants, existsSync } from "node:fs";
import { dirname } from "node:path";
import { defaultDatabaseFile } from "../core/default-store.js";
import { LigdicashError } from "../core/errors.js";
import { SqlitePaymentStore } from "../storage/sqlite.js";
import { ok, problem, say, type Finding } from "./report.js";

type Env = Record<string, string | undefined>;

export const LIGDICASH_API = "https://app.ligdicash.com";

/** The API the shop talks to: LIGDICASH_API_URL, else LigdiCash itself. */
export function apiUrlOf(env: Env): string {
  return (env.LIGDICASH_API_URL?.trim() || LIGDICASH_API).replace(/\/+$/, "");
}

/**
 * The configuration a shop reads from its environment: credentials present, URLs that parse, and
 * in production (NODE_ENV=production, or LigdiCash itself as the API) a public https URL that
 * LigdiCash can reach.
 */
export function checkEnvironment(env: Env): Finding[] {
  const findings: Finding[] = [];
  const missing = ["LIGDICASH_API_KEY", "LIGDICASH_AUTH_TOKEN"].filter(
    (name) => !env[name]?.trim(),
  );
  findings.push(
    missing.length === 0
      ? ok(
          say(
            "LIGDICASH_API_KEY and LIGDICASH_AUTH_TOKEN are set.",
            "LIGDICASH_API_KEY et LIGDICASH_AUTH_TOKEN sont définis.",
          ),
        )
      : problem(
          say(
            `${missing.join(" and ")} not set.`,
            `${missing.join(" et ")} non défini${missing.length > 1 ? "s" : ""}.`,
          ),
          say(
            "Set them to the API key and auth token of your LigdiCash API project (for the emulator: emulator-api-key and emulator-auth-token).",
            "Mettez-y la clé d'API et le jeton d'authentification de votre projet API LigdiCash (pour l'émulateur : emulator-api-key et emulator-auth-token).",
          ),
        ),
  );
  const apiUrl = parse(env.LIGDICASH_API_URL);
  if (apiUrl === "invalid") {
    findings.push(
      problem(
        say(
          `LIGDICASH_API_URL is not a URL: "${env.LIGDICASH_API_URL}".`,
          `LIGDICASH_API_URL n'est pas une URL : « ${env.LIGDICASH_API_URL} ».`,
        ),
        say(
          "Unset it for LigdiCash itself, or set the emulator's URL (http://localhost:4010).",
          "Supprimez-la pour LigdiCash lui-même, ou mettez l'URL de l'émulateur (http://localhost:4010).",
        ),
      ),
    );
  }
  const live = env.NODE_ENV === "production" || apiUrlOf(env) === LIGDICASH_API;
  findings.push(checkPublicUrl(env, live));
  if (env.LIGDICASH_STOREFRONT_URL?.trim() && parse(env.LIGDICASH_STOREFRONT_URL) === "invalid") {
    findings.push(
      problem(
        say(
          "LIGDICASH_STOREFRONT_URL is not an http(s) URL.",
          "LIGDICASH_STOREFRONT_URL n'est pas une URL http(s).",
        ),
        say(
          "Set it to the origin of the pages that show <ReturnPage>, e.g. https://boutique.example, or unset it.",
          "Mettez l'origine des pages qui affichent <ReturnPage>, par ex. https://boutique.example, ou supprimez-la.",
        ),
      ),
    );
  }
  return findings;
}

function checkPublicUrl(env: Env, live: boolean): Finding {
  const value = env.LIGDICASH_PUBLIC_URL?.trim();
  const example = say(
    "Set LIGDICASH_PUBLIC_URL to the shop's public origin, e.g. https://boutique.example: LigdiCash posts its callbacks to {LIGDICASH_PUBLIC_URL}/api/ligdicash/callback.",
    "Mettez dans LIGDICASH_PUBLIC_URL l'origine publique de la boutique, par ex. https://boutique.example : LigdiCash envoie ses notifications à {LIGDICASH_PUBLIC_URL}/api/ligdicash/callback.",
  );
  if (!value)
    return problem(
      say("LIGDICASH_PUBLIC_URL is not set.", "LIGDICASH_PUBLIC_URL n'est pas défini."),
      example,
    );
  const url = parse(value);
  if (url === "invalid" || url === undefined) {
    return problem(
      say(
        `LIGDICASH_PUBLIC_URL is not an http(s) URL: "${value}".`,
        `LIGDICASH_PUBLIC_URL n'est pas une URL http(s) : « ${value} ».`,
      ),
      example,
    );
  }
  if (live && url.protocol !== "https:") {
    return problem(
      say(
        `LIGDICASH_PUBLIC_URL is not https in production: ${value}.`,
        `LIGDICASH_PUBLIC_URL n'est pas en https en production : ${value}.`,
      ),
      example,
    );
  }
  if (live && isLocal(url.hostname)) {
    return problem(
      say(
        `LIGDICASH_PUBLIC_URL is a local address in production (${url.hostname}): LigdiCash cannot reach it.`,
        `LIGDICASH_PUBLIC_URL est une adresse locale en production (${url.hostname}) : LigdiCash ne peut pas la joindre.`,
      ),
      example,
    );
  }
  return ok(
    say(
      `LIGDICASH_PUBLIC_URL is ${url.origin}${url.pathname.replace(/\/$/, "")}.`,
      `LIGDICASH_PUBLIC_URL vaut ${url.origin}${url.pathname.replace(/\/$/, "")}.`,
    ),
  );
}

/**
 * The default SQLite store (LIGDICASH_DB or the app's .ligdicash/payments.db): better-sqlite3
 * installed, and the file readable, or its folder writable. Creates nothing.
 */
export async function checkSqliteStore(env: Env, cwd: string): Promise<Finding> {
  const file = defaultDatabaseFile(env, cwd);
  const fixMove = say(
    "Set LIGDICASH_DB to a file in a writable folder, or pass storage: a PostgreSQL or Redis store.",
    "Mettez dans LIGDICASH_DB un fichier dans un dossier accessible en écriture, ou passez storage : un stockage PostgreSQL ou Redis.",
  );
  if (!existsSync(file)) {
    let dir = dirname(file);
    while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
    try {
      accessSync(dir, constants.W_OK);
    } catch {
      return problem(
        say(
          `The payments database ${file} cannot be created: ${dir} is not writable.`,
          `La base des paiements ${file} ne peut pas être créée : ${dir} n'est pas accessible en écriture.`,
        ),
        fixMove,
      );
    }
  }
  try {
    const store = new SqlitePaymentStore(existsSync(file) ? file : ":memory:");
    await store.listByOrder("ligdicash-doctor");
    await store.close();
  } catch (error) {
    if (error instanceof LigdicashError && error.code === "INVALID_OPTIONS") {
      // better-sqlite3 is not installed: right for a shop that passes its own storage.
      return ok(
        say(
          "better-sqlite3 is not installed: the shop must pass storage (PostgreSQL, Redis or its own store); the default SQLite store needs it.",
          "better-sqlite3 n'est pas installé : la boutique doit passer storage (PostgreSQL, Redis ou son propre stockage) ; le stockage SQLite par défaut en a besoin.",
        ),
      );
    }
    return problem(
      say(
        `The payments database ${file} cannot be opened: ${(error as Error).message}`,
        `La base des paiements ${file} ne peut pas être ouverte : ${(error as Error).message}`,
      ),
      fixMove,
    );
  }
  return ok(
    existsSync(file)
      ? say(`The payments database ${file} opens.`, `La base des paiements ${file} s'ouvre.`)
      : say(
          `The payments database will be created at ${file}.`,
          `La base des paiements sera créée dans ${file}.`,
        ),
  );
}

function parse(value: string | undefined): URL | "invalid" | undefined {
  if (!value?.trim()) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url : "invalid";
  } catch {
    return "invalid";
  }
}

function isLocal(hostname: string): boolean {
  const host = hostname.replace(/\.$/, "").toLowerCase();
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    /^127\./.test(host) ||
    host === "0.0.0.0" ||
    host === "[::1]" ||
    /^(10|192\.168)\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host)
  );
}
