import { redact } from "../commands/open-store.js";
import { networkDetail } from "../ligdicash/http.js";
import { ok, problem, say, type Finding } from "./report.js";

/**
 * `--store postgres://…` or `--store redis://…`: the shared store a shop with several instances
 * passes as `storage` answers. A connection and a ping only: nothing is created or written.
 */
export async function checkSharedStore(url: string): Promise<Finding> {
  const where = redact(url, "(not a URL)");
  const fix = say(
    `Check the URL and that the server runs and accepts this machine (${where}).`,
    `Vérifiez l'URL, et que le serveur tourne et accepte cette machine (${where}).`,
  );
  try {
    if (/^postgres(ql)?:\/\//i.test(url)) await pingPostgres(url);
    else if (/^rediss?:\/\//i.test(url)) await pingRedis(url);
    else {
      return problem(
        say(
          `--store must be a postgres:// or redis:// URL, got ${where}.`,
          `--store doit être une URL postgres:// ou redis://, reçu ${where}.`,
        ),
        say(
          "Give the URL of the store the shop passes as storage.",
          "Donnez l'URL du stockage que la boutique passe dans storage.",
        ),
      );
    }
  } catch (error) {
    const why = networkDetail(error, url);
    return problem(
      say(
        `The store at ${where} does not answer: ${why}.`,
        `Le stockage à ${where} ne répond pas : ${why}.`,
      ),
      fix,
    );
  }
  return ok(say(`The store at ${where} answers.`, `Le stockage à ${where} répond.`));
}

async function pingPostgres(connectionString: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function pingRedis(url: string): Promise<void> {
  const { Redis } = await import("ioredis");
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The connection's own error says why (ECONNREFUSED…); connect() only says it is closed.
  let reason: unknown;
  redis.on("error", (error) => (reason ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw reason ?? error;
  } finally {
    redis.disconnect();
  }
}
