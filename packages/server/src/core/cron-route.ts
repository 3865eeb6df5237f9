import { errorBody, LigdicashError, toLigdicashError } from "./errors.js";
import { json, type CoreRequest, type CoreResponse, type Ligdicash } from "./handler.js";

/** The shortest cron secret accepted: guessing it must be out of reach. */
export const CRON_SECRET_MIN_LENGTH = 16;

/**
 * `POST {basePath}/reconcile` (GET too, as Vercel Cron calls it): one reconciliation pass, for a
 * scheduler to call where no process lives long enough to run it on a timer (serverless). Only
 * with `Authorization: Bearer <secret>`, compared in constant time; 401 otherwise. Without a
 * secret the route is off (404), and a warning at start-up says so.
 *
 * @example
 * const cron = cronRoute(kit, process.env.LIGDICASH_CRON_SECRET);
 * const answer = (await cron(request)) ?? (await kit.handle(request));
 */
export function cronRoute<Context>(
  kit: Ligdicash<Context>,
  secret: string | undefined,
): (request: CoreRequest<Context>) => Promise<CoreResponse | null> {
  const { basePath, log } = kit.config;
  const path = `${basePath}/reconcile`;
  if (secret === undefined) {
    log.warn(
      { route: path },
      `LIGDICASH_CRON_SECRET is not set: POST ${path} is off, and nothing re-checks payments whose callback was lost ` +
        "once their shopper stops asking. Set it (openssl rand -hex 32) and have a cron call the route with Authorization: Bearer <secret>.",
    );
  } else if (secret.length < CRON_SECRET_MIN_LENGTH) {
    throw new LigdicashError(
      "INVALID_OPTIONS",
      `ligdicash: LIGDICASH_CRON_SECRET (cronSecret) must be at least ${CRON_SECRET_MIN_LENGTH} characters (openssl rand -hex 32).`,
    );
  }
  return async (request) => {
    const method = request.method.toUpperCase();
    if (secret === undefined || request.path !== path) return null;
    if (method !== "POST" && method !== "GET") return null;
    try {
      if (!(await sameSecret(bearer(request.headers.authorization), secret))) {
        throw new LigdicashError(
          "UNAUTHORIZED",
          "Send the cron secret: Authorization: Bearer <LIGDICASH_CRON_SECRET>.",
        );
      }
      return json(200, await kit.reconcile());
    } catch (cause) {
      const error = toLigdicashError(cause);
      const level = error.status >= 500 && error.code !== "SHUTTING_DOWN" ? "error" : "warn";
      log[level]({ route: "reconcile", code: error.code, err: error }, error.message);
      const headers: Record<string, string> =
        error.code === "UNAUTHORIZED" ? { "www-authenticate": "Bearer" } : {};
      return json(error.status, errorBody(error), headers);
    }
  };
}

function bearer(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value ?? "");
  return match?.[1] ?? "";
}

/**
 * Whether `given` is the secret, in time that does not depend on where they differ: both are
 * hashed (SHA-256, Web Crypto: every runtime has it) and the digests compared byte by byte.
 */
export async function sameSecret(given: string, secret: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [a, b] = await Promise.all(
    [given, secret].map(
      async (text) => new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text))),
    ),
  );
  let difference = 0;
  for (let i = 0; i < a!.length; i++) difference |= a![i]! ^ b![i]!;
  return difference === 0 && given.length > 0;
}
